package dev.operator.discourse.relation.database;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.operator.discourse.api.v1alpha1.ConnectionSecretRef;
import dev.operator.discourse.api.v1alpha1.DatabaseRelationSpec;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;

/**
 * The database relation's fields on the workload. Every connection value is a secretKeyRef into the user's
 * Secret, so a rotated password needs no copy; the checksum annotation makes the pods pick it up.
 */
public final class DatabaseEnv {

    public static final String CHECKSUM_ANNOTATION = "discourse.operator.dev/database-secret-checksum";

    private DatabaseEnv() {
    }

    public static List<EnvVar> env(DatabaseRelationSpec spec, boolean secretHasSslmode) {
        ConnectionSecretRef ref = spec.getSecretRef();
        List<EnvVar> env = new ArrayList<>();
        env.add(fromSecret("DISCOURSE_DB_HOST", ref.getName(), ref.getHostKey()));
        env.add(fromSecret("DISCOURSE_DB_PORT", ref.getName(), ref.getPortKey()));
        env.add(fromSecret("DISCOURSE_DB_NAME", ref.getName(), ref.getDatabaseKey()));
        env.add(fromSecret("DISCOURSE_DB_USERNAME", ref.getName(), ref.getUserKey()));
        env.add(fromSecret("DISCOURSE_DB_PASSWORD", ref.getName(), ref.getPasswordKey()));
        if (secretHasSslmode) {
            env.add(fromSecret("DISCOURSE_DB_SSLMODE", ref.getName(), ref.getSslmodeKey()));
        }
        if (spec.isPgBouncer()) {
            env.add(new EnvVarBuilder().withName("DISCOURSE_DB_PREPARED_STATEMENTS").withValue("false").build());
            env.add(new EnvVarBuilder().withName("DISCOURSE_DB_ADVISORY_LOCKS").withValue("false").build());
        }
        return env;
    }

    public static Map<String, String> annotations(String secretChecksum) {
        return Map.of(CHECKSUM_ANNOTATION, secretChecksum);
    }

    private static EnvVar fromSecret(String name, String secret, String key) {
        return new EnvVarBuilder().withName(name).withNewValueFrom().withNewSecretKeyRef().withName(secret)
                .withKey(key).endSecretKeyRef().endValueFrom().build();
    }
}
