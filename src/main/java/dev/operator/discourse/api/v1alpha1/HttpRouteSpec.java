package dev.operator.discourse.api.v1alpha1;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A Gateway API HTTPRoute instead of an Ingress. */
public class HttpRouteSpec {

    @JsonPropertyDescription("The Gateways the HTTPRoute attaches to; at least one.")
    private List<GatewayParentRef> parentRefs = new ArrayList<>();

    public List<GatewayParentRef> getParentRefs() {
        return parentRefs;
    }

    public void setParentRefs(List<GatewayParentRef> parentRefs) {
        this.parentRefs = parentRefs;
    }
}
