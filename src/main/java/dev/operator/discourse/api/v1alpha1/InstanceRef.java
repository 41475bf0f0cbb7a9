package dev.operator.discourse.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Required;

public class InstanceRef {

    @Required
    @JsonPropertyDescription("Name of the DiscourseInstance in the same namespace.")
    private String name;

    public InstanceRef() {
    }

    public InstanceRef(String name) {
        this.name = name;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }
}
