package dev.operator.discourse.api.v1alpha1;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

public class IngressRelationStatus extends RelationStatus {

    @JsonPropertyDescription("Where the forum is reached: https://<hostname> when TLS is on, else http://<hostname>.")
    private String url;

    @JsonPropertyDescription("Addresses (IP or host name) the ingress controller reports for the Ingress; empty until it reports one.")
    private List<String> loadBalancer = new ArrayList<>();

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public List<String> getLoadBalancer() {
        return loadBalancer;
    }

    public void setLoadBalancer(List<String> loadBalancer) {
        this.loadBalancer = loadBalancer;
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o) && Objects.equals(url, ((IngressRelationStatus) o).url)
                && Objects.equals(loadBalancer, ((IngressRelationStatus) o).loadBalancer);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), url, loadBalancer);
    }
}
