package dev.operator.discourse.relation.ingress;

import java.util.List;

import dev.operator.discourse.api.v1alpha1.DiscourseInstance;
import dev.operator.discourse.api.v1alpha1.IngressRelationSpec;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;

/**
 * The one env entry this relation owns on the workload: DISCOURSE_FORCE_HTTPS while the ingress terminates TLS,
 * with the value the instance's forceHttps gives when the user set it, true otherwise. When the user set it,
 * the instance reconciler applies the same field with the same value, and server-side apply lets both managers
 * own it: nothing changes hands when forceHttps is set or unset, and deleting either leaves the other's value.
 * Only a relation that acts on a stale view of its instance, for the moment it takes the instance to re-apply,
 * meets a conflict; it is said and retried like any other ({@code RelationFlow.apply}).
 */
public final class HttpsEnv {

    public static final String FORCE_HTTPS = "DISCOURSE_FORCE_HTTPS";

    private HttpsEnv() {
    }

    public static List<EnvVar> env(IngressRelationSpec spec, DiscourseInstance instance) {
        if (!spec.tlsEnabled()) {
            return List.of();
        }
        Boolean forceHttps = instance.getSpec().getForceHttps();
        return List.of(new EnvVarBuilder().withName(FORCE_HTTPS)
                .withValue(Boolean.toString(forceHttps == null || forceHttps)).build());
    }
}
