package dev.operator.discourse.relation.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.operator.discourse.api.v1alpha1.RedisRelationSpec;
import dev.operator.discourse.api.v1alpha1.SecretKeyRef;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;

/**
 * The Redis relation's fields on the workload. The password stays in the user's Secret (secretKeyRef); the
 * checksum annotation of that key makes a rotated password roll the pods.
 */
public final class RedisEnv {

    public static final String CHECKSUM_ANNOTATION = "discourse.operator.dev/redis-secret-checksum";

    private RedisEnv() {
    }

    public static List<EnvVar> env(RedisRelationSpec spec, String host) {
        List<EnvVar> env = new ArrayList<>();
        env.add(literal("DISCOURSE_REDIS_HOST", host));
        env.add(literal("DISCOURSE_REDIS_PORT", Integer.toString(spec.getPort())));
        SecretKeyRef password = spec.getPasswordSecretRef();
        if (SecretKeyRef.isSet(password)) {
            env.add(new EnvVarBuilder().withName("DISCOURSE_REDIS_PASSWORD").withNewValueFrom().withNewSecretKeyRef()
                    .withName(password.getName()).withKey(password.getKey()).endSecretKeyRef().endValueFrom().build());
        }
        env.add(literal("DISCOURSE_REDIS_USE_SSL", Boolean.toString(spec.isTls())));
        env.add(literal("DISCOURSE_REDIS_DB", Integer.toString(spec.getDb())));
        return env;
    }

    /** No password, no checksum: there is nothing to rotate. */
    public static Map<String, String> annotations(String passwordChecksum) {
        return passwordChecksum == null ? Map.of() : Map.of(CHECKSUM_ANNOTATION, passwordChecksum);
    }

    private static EnvVar literal(String name, String value) {
        return new EnvVarBuilder().withName(name).withValue(value).build();
    }
}
