package dev.operator.discourse.relation.ingress;

import java.util.List;

import dev.operator.discourse.api.v1alpha1.DiscourseInstance;
import dev.operator.discourse.api.v1alpha1.IngressRelationSpec;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;

/**
 * The one env entry this relation may own on the workload. Once the user sets the instance's forceHttps,
 * the instance reconciler owns DISCOURSE_FORCE_HTTPS and this relation lets go of it, so no field is ever
 * wanted by two managers at once.
 */
public final class HttpsEnv {

    public static final String FORCE_HTTPS = "DISCOURSE_FORCE_HTTPS";

    private HttpsEnv() {
    }

    public static List<EnvVar> env(IngressRelationSpec spec, DiscourseInstance instance) {
        if (!spec.tlsEnabled() || instance.getSpec().getForceHttps() != null) {
            return List.of();
        }
        return List.of(new EnvVarBuilder().withName(FORCE_HTTPS).withValue("true").build());
    }
}
