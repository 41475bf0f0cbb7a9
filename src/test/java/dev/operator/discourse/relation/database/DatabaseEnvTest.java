package dev.operator.discourse.relation.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.operator.discourse.api.v1alpha1.ConnectionSecretRef;
import dev.operator.discourse.api.v1alpha1.DatabaseRelationSpec;
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
                "DISCOURSE_DB_NAME", "DISCOURSE_DB_USERNAME", "DISCOURSE_DB_PASSWORD");
        assertThat(env).allSatisfy(e -> {
            assertThat(e.getValue()).isNull();
            assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("db-app");
        });
        assertThat(env).extracting(e -> e.getValueFrom().getSecretKeyRef().getKey())
                .containsExactly("host", "port", "dbname", "user", "password");
    }

    @Test
    void sslmodeOnlyWhenTheSecretHasIt() {
        assertThat(DatabaseEnv.env(spec(), true)).extracting(EnvVar::getName).contains("DISCOURSE_DB_SSLMODE");
        assertThat(DatabaseEnv.env(spec(), false)).extracting(EnvVar::getName).doesNotContain("DISCOURSE_DB_SSLMODE");
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
        assertThat(DatabaseEnv.env(spec, true)).extracting(EnvVar::getName).allMatch(RelationEnv::isRelationOwned);
        assertThat(DatabaseEnv.annotations("abc")).containsExactly(
                java.util.Map.entry(DatabaseEnv.CHECKSUM_ANNOTATION, "abc"));
    }
}
