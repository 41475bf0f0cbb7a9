package dev.operator.discourse.api.v1alpha1;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.ValidationRule;

/** A Gateway API HTTPRoute instead of an Ingress. */
@ValidationRule(value = "has(self.parentRefs) && size(self.parentRefs) > 0",
        message = "httpRoute needs at least one parentRef: the Gateway it attaches to")
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
