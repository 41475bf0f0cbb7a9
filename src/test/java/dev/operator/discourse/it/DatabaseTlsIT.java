package dev.operator.discourse.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.operator.discourse.api.v1alpha1.DatabaseRelation;
import dev.operator.discourse.api.v1alpha1.SecretKeyRef;
import dev.operator.discourse.relation.database.DatabaseEnv;
import dev.operator.discourse.testsupport.Edits;
import dev.operator.discourse.testsupport.KubeApiServerResource;
import dev.operator.discourse.testsupport.ManagedFields;
import dev.operator.discourse.testsupport.PostgresServer;
import dev.operator.discourse.testsupport.RequiresKubeApiServer;
import dev.operator.discourse.testsupport.TestNamespace;
import dev.operator.discourse.workload.FieldManagers;
import dev.operator.discourse.workload.WorkloadNames;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * TLS to PostgreSQL as libpq does it, against a real PostgreSQL 15 that speaks TLS with its own CA: a verifying
 * sslmode without a CA is refused before anything reaches the pods; with spec.caSecretRef the check verifies the
 * server, and the pods get the CA as a mounted file under the database relation's own field manager, which goes
 * with the relation.
 */
@QuarkusTest
@RequiresKubeApiServer
@QuarkusTestResource(value = KubeApiServerResource.class, restrictToAnnotatedClass = false)
class DatabaseTlsIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(40);
    private static final String PASSWORD = "tls-relation-pw";

    static PostgresServer postgres;
    KubernetesClient client;
    TestNamespace namespace;
    String ns;

    @BeforeAll
    static void server() {
        postgres = PostgresServer.startNewWithTls();
        postgres.createAppDatabase("tlsforum", "tlsforum", PASSWORD);
    }

    @AfterAll
    static void stopServer() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @BeforeEach
    void namespace() {
        client = KubeApiServerResource.client();
        namespace = TestNamespace.withSucceedingJobs(client, "it-dbtls-");
        ns = namespace.name;
    }

    @AfterEach
    void cleanup() {
        namespace.close();
    }

    @Test
    void verifyFullNeedsTheCaWhichThePodsGetAsAFileThatLeavesWithTheRelation() {
        ServerBackedRelations fixture = new ServerBackedRelations(client, ns, postgres, "tlsforum", null);
        fixture.instance("forum", 1);
        client.resource(new SecretBuilder().withNewMetadata().withName("db-app").withNamespace(ns).endMetadata()
                .addToStringData("host", postgres.host()).addToStringData("port", Integer.toString(postgres.port()))
                .addToStringData("dbname", "tlsforum").addToStringData("user", "tlsforum")
                .addToStringData("password", PASSWORD).addToStringData("sslmode", "verify-full").build()).create();
        fixture.databaseRelation("db", "forum", "db-app", null, null);

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(condition("Connected")).get().satisfies(c -> {
            assertThat(c.getStatus()).isEqualTo("False");
            assertThat(c.getReason()).isEqualTo("CaRequired");
            assertThat(c.getMessage()).contains("verify-full", "spec.caSecretRef");
        }));
        assertThat(envNames(sts())).doesNotContain("DISCOURSE_DB_HOST");

        client.resource(new SecretBuilder().withNewMetadata().withName("forum-db-ca").withNamespace(ns).endMetadata()
                .addToStringData("ca.crt", postgres.certificates().caPem()).build()).create();
        Edits.edit(client.resources(DatabaseRelation.class).inNamespace(ns).withName("db"), r -> {
            r.getSpec().setCaSecretRef(new SecretKeyRef("forum-db-ca", "ca.crt"));
            return r;
        });

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(condition("Ready")).get()
                .satisfies(c -> assertThat(c.getStatus()).as(c.getMessage()).isEqualTo("True")));
        StatefulSet sts = sts();
        assertThat(ManagedFields.volumes(sts, FieldManagers.DATABASE)).containsExactly(DatabaseEnv.CA_VOLUME);
        assertThat(ManagedFields.env(sts, FieldManagers.DATABASE)).contains("PGSSLMODE", "PGSSLROOTCERT");
        var pod = sts.getSpec().getTemplate().getSpec();
        assertThat(pod.getVolumes()).filteredOn(v -> v.getName().equals(DatabaseEnv.CA_VOLUME)).singleElement()
                .satisfies(v -> assertThat(v.getSecret().getSecretName()).isEqualTo("forum-db-ca"));
        assertThat(pod.getContainers().get(0).getVolumeMounts())
                .anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo(DatabaseEnv.CA_DIR));
        assertThat(pod.getContainers().get(0).getEnv()).filteredOn(e -> e.getName().equals("PGSSLROOTCERT"))
                .extracting(EnvVar::getValue).containsExactly(DatabaseEnv.CA_FILE);

        client.resources(DatabaseRelation.class).inNamespace(ns).withName("db").delete();
        await().atMost(TIMEOUT).untilAsserted(() -> {
            StatefulSet after = sts();
            assertThat(after.getSpec().getTemplate().getSpec().getVolumes()).extracting(v -> v.getName())
                    .doesNotContain(DatabaseEnv.CA_VOLUME).as("the uploads volume stays").isNotEmpty();
            assertThat(after.getSpec().getTemplate().getSpec().getContainers().get(0).getVolumeMounts())
                    .noneSatisfy(m -> assertThat(m.getMountPath()).isEqualTo(DatabaseEnv.CA_DIR));
            assertThat(envNames(after)).doesNotContain("PGSSLMODE", "PGSSLROOTCERT", "DISCOURSE_DB_HOST");
        });
    }

    private Optional<Condition> condition(String type) {
        DatabaseRelation relation = client.resources(DatabaseRelation.class).inNamespace(ns).withName("db").get();
        if (relation == null || relation.getStatus() == null) {
            return Optional.empty();
        }
        return relation.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    private StatefulSet sts() {
        return client.apps().statefulSets().inNamespace(ns).withName(WorkloadNames.statefulSet("forum")).get();
    }

    private static java.util.List<String> envNames(StatefulSet sts) {
        return sts.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream().map(EnvVar::getName).toList();
    }
}
