package dev.operator.discourse.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Required;

/** What every relation kind has: the one DiscourseInstance it binds. */
public abstract class RelationSpec {

    @Required
    @JsonPropertyDescription("The DiscourseInstance this relation binds.")
    private InstanceRef instanceRef;

    public InstanceRef getInstanceRef() {
        return instanceRef;
    }

    public void setInstanceRef(InstanceRef instanceRef) {
        this.instanceRef = instanceRef;
    }

    /** The referenced instance's name, or null when the reference is missing. */
    public String instanceName() {
        return instanceRef == null ? null : instanceRef.getName();
    }
}
