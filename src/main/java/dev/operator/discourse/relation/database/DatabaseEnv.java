package dev.operator.discourse.relation.database;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.operator.discourse.api.v1alpha1.ConnectionSecretRef;
import dev.operator.discourse.api.v1alpha1.DatabaseRelationSpec;
import dev.operator.discourse.api.v1alpha1.SecretKeyRef;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;

/**
 * The database relation's fields on the workload. Every connection value is a secretKeyRef into the user's
 * Secret, so a rotated password needs no copy; the checksum annotation makes the pods pick it up. What reads
 * each name in Discourse is in image/discourse/CONTRACT.md.
 */
public final class DatabaseEnv {

    public static final String CHECKSUM_ANNOTATION = "discourse.operator.dev/database-secret-checksum";
    public static final String CA_VOLUME = "database-ca";
    public static final String CA_DIR = "/etc/discourse-operator/database-ca";
    public static final String CA_FILE = CA_DIR + "/ca.crt";

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
        // Backups run pg_dump against db_backup_host/db_backup_port, and the port defaults to 5432 whatever
        // DISCOURSE_DB_PORT says; behind a pooler the dump must reach the server itself.
        env.add(spec.getBackupHost() == null || spec.getBackupHost().isBlank()
                ? fromSecret("DISCOURSE_DB_BACKUP_HOST", ref.getName(), ref.getHostKey())
                : literal("DISCOURSE_DB_BACKUP_HOST", spec.getBackupHost().trim()));
        env.add(spec.getBackupPort() == null ? fromSecret("DISCOURSE_DB_BACKUP_PORT", ref.getName(), ref.getPortKey())
                : literal("DISCOURSE_DB_BACKUP_PORT", Integer.toString(spec.getBackupPort())));
        // Discourse passes no sslmode to its adapter: TLS is libpq's own business, for the app and pg_dump alike.
        if (secretHasSslmode) {
            env.add(fromSecret("PGSSLMODE", ref.getName(), ref.getSslmodeKey()));
        }
        if (hasCa(spec)) {
            env.add(literal("PGSSLROOTCERT", CA_FILE));
        }
        if (spec.isPgBouncer()) {
            env.add(literal("DISCOURSE_DB_PREPARED_STATEMENTS", "false"));
            env.add(literal("DISCOURSE_DB_ADVISORY_LOCKS", "false"));
        }
        return env;
    }

    /** The CA certificate as a file; a mounted Secret is updated in place, so a new CA needs no roll. */
    public static List<Volume> volumes(DatabaseRelationSpec spec) {
        if (!hasCa(spec)) {
            return List.of();
        }
        return List.of(new VolumeBuilder().withName(CA_VOLUME).withNewSecret()
                .withSecretName(spec.getCaSecretRef().getName())
                .addNewItem().withKey(spec.getCaSecretRef().getKey()).withPath("ca.crt").endItem()
                .endSecret().build());
    }

    public static List<VolumeMount> mounts(DatabaseRelationSpec spec) {
        if (!hasCa(spec)) {
            return List.of();
        }
        return List.of(new VolumeMountBuilder().withName(CA_VOLUME).withMountPath(CA_DIR).withReadOnly(true).build());
    }

    public static Map<String, String> annotations(String secretChecksum) {
        return Map.of(CHECKSUM_ANNOTATION, secretChecksum);
    }

    static boolean hasCa(DatabaseRelationSpec spec) {
        return SecretKeyRef.isSet(spec.getCaSecretRef());
    }

    private static EnvVar fromSecret(String name, String secret, String key) {
        return new EnvVarBuilder().withName(name).withNewValueFrom().withNewSecretKeyRef().withName(secret)
                .withKey(key).endSecretKeyRef().endValueFrom().build();
    }

    private static EnvVar literal(String name, String value) {
        return new EnvVarBuilder().withName(name).withValue(value).build();
    }
}
