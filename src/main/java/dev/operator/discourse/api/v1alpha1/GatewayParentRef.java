package dev.operator.discourse.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Required;

/** A Gateway an HTTPRoute attaches to (Gateway API parentRef). */
public class GatewayParentRef {

    @Required
    @JsonPropertyDescription("Name of the Gateway.")
    private String name;

    @JsonPropertyDescription("Namespace of the Gateway; defaults to the relation's namespace.")
    private String namespace;

    @JsonPropertyDescription("Listener of the Gateway to attach to; all listeners that allow the route when unset.")
    private String sectionName;

    public GatewayParentRef() {
    }

    public GatewayParentRef(String name, String namespace, String sectionName) {
        this.name = name;
        this.namespace = namespace;
        this.sectionName = sectionName;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getNamespace() {
        return namespace;
    }

    public void setNamespace(String namespace) {
        this.namespace = namespace;
    }

    public String getSectionName() {
        return sectionName;
    }

    public void setSectionName(String sectionName) {
        this.sectionName = sectionName;
    }
}
