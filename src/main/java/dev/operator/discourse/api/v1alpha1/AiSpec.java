package dev.operator.discourse.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;

/**
 * Discourse AI, the plugin Discourse 3.5 bundles. Its migrations need PostgreSQL's vector extension, which a plain
 * PostgreSQL lacks, so it is an explicit choice: the default image leaves the plugin out.
 */
public class AiSpec {

    public static final String VECTOR_EXTENSION = "vector";

    @Default("false")
    @JsonPropertyDescription("Run Discourse AI. Needs an image that ships plugins/discourse-ai (the operator's image with the -ai tag suffix, or Discourse's own) and the vector extension (pgvector 0.7 or later), which the DatabaseRelation checks, or creates with its adminSecretRef, before any migration runs.")
    private boolean enabled = false;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }
}
