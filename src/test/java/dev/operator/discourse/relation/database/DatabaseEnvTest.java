package dev.operator.discourse.relation.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.operator.discourse.api.v1alpha1.ConnectionSecretRef;
import dev.operator.discourse.api.v1alpha1.DatabaseRelationSpec;
import dev.operator.discourse.api.v1alpha1.SecretKeyRef;
import dev.operator.discourse.workload.RelationEnv;
import io.fabric8.kubernetes.api.model.EnvVar;

class DatabaseEnvTest {

    private static DatabaseRelationSpec spec() {
        DatabaseRelationSpec spec = new DatabaseRelationSpec();
        spec.setSecretRef(new ConnectionSecretRef("db-app"));
        return spec;
    }

    @Test
    void everyConnectionValueIsASecretKeyRefNeverALiteral() {
        List<EnvVar> env = DatabaseEnv.env(spec(), false);
        assertThat(env).extracting(EnvVar::getName).containsExactly("DISCOURSE_DB_HOST", "DISCOURSE_DB_PORT",
                "DISCOURSE_DB_NAME", "DISCOURSE_DB_USERNAME", "DISCOURSE_DB_PASSWORD", "DISCOURSE_DB_BACKUP_HOST",
                "DISCOURSE_DB_BACKUP_PORT");
        assertThat(env).allSatisfy(e -> {
            assertThat(e.getValue()).isNull();
            assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("db-app");
        });
        assertThat(env).extracting(e -> e.getValueFrom().getSecretKeyRef().getKey())
                .containsExactly("host", "port", "dbname", "user", "password", "host", "port");
    }

    @Test
    void backupsDialTheSpecsServerWhenTheSecretNamesAPooler() {
        DatabaseRelationSpec spec = spec();
        spec.setBackupHost(" forum-db-rw ");
        spec.setBackupPort(5433);
        assertThat(DatabaseEnv.env(spec, false)).filteredOn(e -> e.getName().startsWith("DISCOURSE_DB_BACKUP_"))
                .extracting(e -> e.getName() + "=" + e.getValue())
                .containsExactly("DISCOURSE_DB_BACKUP_HOST=forum-db-rw", "DISCOURSE_DB_BACKUP_PORT=5433");
    }

    @Test
    void sslmodeGoesToLibpqOnlyWhenTheSecretHasIt() {
        assertThat(DatabaseEnv.env(spec(), true)).filteredOn(e -> e.getName().equals("PGSSLMODE"))
                .extracting(e -> e.getValueFrom().getSecretKeyRef().getKey()).containsExactly("sslmode");
        assertThat(DatabaseEnv.env(spec(), false)).extracting(EnvVar::getName).doesNotContain("PGSSLMODE");
        assertThat(DatabaseEnv.env(spec(), true)).extracting(EnvVar::getName).doesNotContain("DISCOURSE_DB_SSLMODE");
    }

    @Test
    void theCaIsAMountedSecretFileThatPgsslrootcertNames() {
        DatabaseRelationSpec spec = spec();
        assertThat(DatabaseEnv.volumes(spec)).isEmpty();
        assertThat(DatabaseEnv.mounts(spec)).isEmpty();
        spec.setCaSecretRef(new SecretKeyRef("forum-db-ca", "ca.crt"));
        assertThat(DatabaseEnv.env(spec, true)).filteredOn(e -> e.getName().equals("PGSSLROOTCERT"))
                .extracting(EnvVar::getValue).containsExactly("/etc/discourse-operator/database-ca/ca.crt");
        var volume = DatabaseEnv.volumes(spec).get(0);
        assertThat(volume.getSecret().getSecretName()).isEqualTo("forum-db-ca");
        assertThat(volume.getSecret().getItems()).singleElement()
                .satisfies(i -> assertThat(i.getKey() + "->" + i.getPath()).isEqualTo("ca.crt->ca.crt"));
        assertThat(DatabaseEnv.mounts(spec)).singleElement().satisfies(m -> {
            assertThat(m.getName()).isEqualTo(volume.getName());
            assertThat(m.getMountPath()).isEqualTo("/etc/discourse-operator/database-ca");
            assertThat(m.getReadOnly()).isTrue();
            assertThat(m.getSubPath()).as("a subPath mount would never see a renewed CA").isNull();
        });
    }

    @Test
    void pgBouncerTurnsOffPreparedStatementsAndAdvisoryLocks() {
        DatabaseRelationSpec spec = spec();
        spec.setPgBouncer(true);
        assertThat(DatabaseEnv.env(spec, false)).filteredOn(e -> e.getValue() != null)
                .extracting(e -> e.getName() + "=" + e.getValue())
                .containsExactly("DISCOURSE_DB_PREPARED_STATEMENTS=false", "DISCOURSE_DB_ADVISORY_LOCKS=false");
    }

    @Test
    void everyNameIsInTheRelationsOwnPrefix() {
        DatabaseRelationSpec spec = spec();
        spec.setPgBouncer(true);
        spec.setCaSecretRef(new SecretKeyRef("forum-db-ca", "ca.crt"));
        assertThat(DatabaseEnv.env(spec, true)).extracting(EnvVar::getName).allMatch(RelationEnv::isRelationOwned);
        assertThat(DatabaseEnv.annotations("abc")).containsExactly(
                java.util.Map.entry(DatabaseEnv.CHECKSUM_ANNOTATION, "abc"));
    }
}
