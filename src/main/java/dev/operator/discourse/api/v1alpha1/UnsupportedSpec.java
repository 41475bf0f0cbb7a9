package dev.operator.discourse.api.v1alpha1;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.crd.generator.annotation.SchemaFrom;

/** What the operator lets through without supporting it, as the Keycloak operator's spec.unsupported. */
public class UnsupportedSpec {

    // An object of any shape, kept whole: a Map's schema would prune every field inside its values.
    @PreserveUnknownFields
    @SchemaFrom(type = AnyObject.class)
    @JsonPropertyDescription("A pod template merged over the web and Sidekiq pods the operator makes (docs/crd-reference.md, "
            + "\"The pod template escape hatch\"). Maps merge, lists of named items (containers, initContainers, volumes, env, "
            + "volumeMounts) merge by name, other fields replace. Refused with a message in ConfigValid: the security contexts, "
            + "the discourse container's image, command and args, env names the operator or a relation sets, the volumes "
            + "uploads and database-ca, and app.kubernetes.io/ labels. Unsupported: an upgrade of the operator may change "
            + "what it merges over.")
    private Map<String, Object> podTemplate;

    public Map<String, Object> getPodTemplate() {
        return podTemplate;
    }

    public void setPodTemplate(Map<String, Object> podTemplate) {
        this.podTemplate = podTemplate;
    }

    /** The schema of an object whose fields the API server keeps as they are. */
    @io.quarkus.runtime.annotations.RegisterForReflection
    static final class AnyObject {
    }
}
