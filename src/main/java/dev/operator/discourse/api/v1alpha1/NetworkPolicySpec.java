package dev.operator.discourse.api.v1alpha1;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;

public class NetworkPolicySpec {

    @JsonPropertyDescription("A NetworkPolicy on the instance's pods: port 3000 only from the peers below, nothing else in. "
            + "Egress is not restricted (PostgreSQL, Redis, S3, SMTP and OAuth providers live anywhere).")
    private boolean enabled;

    @JsonPropertyDescription("Who may reach port 3000: the ingress controller's namespace and pods, Prometheus. "
            + "Empty with enabled: true admits no one.")
    private List<NetworkPolicyPeer> from = new ArrayList<>();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public List<NetworkPolicyPeer> getFrom() {
        return from;
    }

    public void setFrom(List<NetworkPolicyPeer> from) {
        this.from = from;
    }
}
