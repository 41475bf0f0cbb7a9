package dev.operator.discourse.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.operator.discourse.api.v1alpha1.ConnectionSecretRef;
import dev.operator.discourse.api.v1alpha1.DatabaseRelation;
import dev.operator.discourse.api.v1alpha1.DatabaseRelationSpec;
import dev.operator.discourse.api.v1alpha1.DiscourseInstance;
import dev.operator.discourse.api.v1alpha1.DiscourseInstanceSpec;
import dev.operator.discourse.api.v1alpha1.InstanceRef;
import dev.operator.discourse.api.v1alpha1.RetentionPolicy;
import dev.operator.discourse.testsupport.Edits;
import dev.operator.discourse.testsupport.KubeApiServerResource;
import dev.operator.discourse.testsupport.OperatorEvents;
import dev.operator.discourse.testsupport.RequiresKubeApiServer;
import dev.operator.discourse.testsupport.SimulatedCluster;
import dev.operator.discourse.testsupport.TestNamespace;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The instance reconciler against a real kube-apiserver: create, update, resync, invalid spec, deletion. */
@QuarkusTest
@RequiresKubeApiServer
@QuarkusTestResource(value = KubeApiServerResource.class, restrictToAnnotatedClass = false)
class InstanceReconcilerIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    KubernetesClient client;
    String ns;
    TestNamespace namespace;

    @BeforeEach
    void namespace() {
        client = KubeApiServerResource.client();
        namespace = TestNamespace.withSucceedingJobs(client, "it-instance-");
        ns = namespace.name;
    }

    @AfterEach
    void cleanup() {
        namespace.close();
    }

    private DiscourseInstance create(String name) {
        DiscourseInstance instance = new DiscourseInstance();
        instance.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(ns).build());
        instance.setSpec(new DiscourseInstanceSpec());
        return client.resource(instance).create();
    }

    private DiscourseInstance get(String name) {
        return client.resources(DiscourseInstance.class).inNamespace(ns).withName(name).get();
    }

    private StatefulSet sts(String name) {
        return client.apps().statefulSets().inNamespace(ns).withName(name).get();
    }

    private Optional<Condition> condition(String name, String type) {
        DiscourseInstance i = get(name);
        if (i == null || i.getStatus() == null) {
            return Optional.empty();
        }
        return i.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    private static String env(StatefulSet sts, String name) {
        return sts.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .filter(e -> name.equals(e.getName())).map(EnvVar::getValue).findFirst().orElse(null);
    }

    @Test
    void createsTheWorkloadAndWaitsForRelations() {
        create("forum");
        await().atMost(TIMEOUT).untilAsserted(() -> {
            StatefulSet sts = sts("forum");
            assertThat(sts).isNotNull();
            assertThat(sts.getSpec().getReplicas()).isZero();
            assertThat(client.services().inNamespace(ns).withName("forum").get()).isNotNull();
            assertThat(client.services().inNamespace(ns).withName("forum-headless").get().getSpec().getClusterIP())
                    .isEqualTo("None");
            assertThat(client.secrets().inNamespace(ns).withName("forum-secret-key-base").get()).isNotNull();
            assertThat(client.persistentVolumeClaims().inNamespace(ns).withName("forum-uploads").get()).isNotNull();
        });
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(condition("forum", "Ready")).get().satisfies(c -> {
                assertThat(c.getStatus()).isEqualTo("False");
                assertThat(c.getMessage()).isEqualTo("Waiting for database relation");
                assertThat(c.getObservedGeneration()).isEqualTo(1L);
            });
            assertThat(condition("forum", "ConfigValid")).get().extracting(Condition::getStatus).isEqualTo("True");
            assertThat(condition("forum", "RedisReady")).get().extracting(Condition::getMessage)
                    .isEqualTo("Waiting for redis relation");
            assertThat(get("forum").getStatus().getUrl()).isEqualTo("http://forum");
        });
        // The StatefulSet's base is owned by the instance's field manager alone.
        assertThat(sts("forum").getMetadata().getManagedFields())
                .anySatisfy(f -> assertThat(f.getManager()).isEqualTo("discourse-instance"));
    }

    @Test
    void aSpecChangeRollsThePodTemplateAndKeepsSecretKeyBase() {
        create("forum");
        await().atMost(TIMEOUT).until(() -> sts("forum") != null
                && client.secrets().inNamespace(ns).withName("forum-secret-key-base").get() != null);
        Map<String, String> key = client.secrets().inNamespace(ns).withName("forum-secret-key-base").get().getData();

        Edits.edit(client.resources(DiscourseInstance.class).inNamespace(ns).withName("forum"), i -> {
                    i.getSpec().setUnicornWorkers(7);
                    return i;
                });
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(env(sts("forum"), "UNICORN_WORKERS")).isEqualTo("7"));
        assertThat(client.secrets().inNamespace(ns).withName("forum-secret-key-base").get().getData()).isEqualTo(key);
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(get("forum").getStatus().getObservedGeneration()).isEqualTo(2L));
    }

    @Test
    void aConvergedInstanceCausesNoWrites() throws InterruptedException {
        create("forum");
        await().atMost(TIMEOUT).until(() -> condition("forum", "Ready").isPresent() && sts("forum") != null);
        Thread.sleep(2000);
        String stsVersion = sts("forum").getMetadata().getResourceVersion();
        String instanceVersion = get("forum").getMetadata().getResourceVersion();
        String serviceVersion = client.services().inNamespace(ns).withName("forum").get().getMetadata().getResourceVersion();

        // An unrelated change to an owned object wakes the reconciler; it must find nothing to do.
        client.services().inNamespace(ns).withName("forum-headless")
                .edit(s -> {
                    s.getMetadata().getLabels().put("unrelated", "touch");
                    return s;
                });
        Thread.sleep(3000);
        assertThat(sts("forum").getMetadata().getResourceVersion()).isEqualTo(stsVersion);
        assertThat(get("forum").getMetadata().getResourceVersion()).isEqualTo(instanceVersion);
        assertThat(client.services().inNamespace(ns).withName("forum").get().getMetadata().getResourceVersion())
                .isEqualTo(serviceVersion);
    }

    /**
     * A mistake the CRD's rules cannot see (CrdValidationIT has those the API server refuses): extraEnv naming a
     * variable the operator sets.
     */
    @Test
    void anInvalidSpecIsReportedAndRollsNothingOut() {
        create("forum");
        await().atMost(TIMEOUT).until(() -> sts("forum") != null && condition("forum", "ConfigValid").isPresent());
        long stsGeneration = sts("forum").getMetadata().getGeneration();

        Edits.edit(client.resources(DiscourseInstance.class).inNamespace(ns).withName("forum"), i -> {
                    i.getSpec().getExtraEnv().add(new EnvVarBuilder().withName("DISCOURSE_HOSTNAME").withValue("x").build());
                    i.getSpec().setUnicornWorkers(9);
                    return i;
                });
        String expected = "extraEnv must not set DISCOURSE_HOSTNAME: the operator sets it";
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(condition("forum", "ConfigValid")).get()
                .satisfies(c -> {
                    assertThat(c.getStatus()).isEqualTo("False");
                    assertThat(c.getMessage()).isEqualTo(expected);
                    assertThat(c.getObservedGeneration()).isEqualTo(2L);
                }));
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(OperatorEvents.in(client, ns))
                .anySatisfy(e -> {
                    assertThat(e.getType()).isEqualTo("Warning");
                    assertThat(e.getReason()).isEqualTo("InvalidConfig");
                    assertThat(e.getMessage()).isEqualTo(expected);
                }));
        assertThat(sts("forum").getMetadata().getGeneration()).as("the StatefulSet's spec is untouched").isEqualTo(stsGeneration);
        assertThat(env(sts("forum"), "UNICORN_WORKERS")).isEqualTo("3");

        Edits.edit(client.resources(DiscourseInstance.class).inNamespace(ns).withName("forum"), i -> {
                    i.getSpec().getExtraEnv().clear();
                    return i;
                });
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(condition("forum", "ConfigValid")).get().extracting(Condition::getStatus).isEqualTo("True");
            assertThat(env(sts("forum"), "UNICORN_WORKERS")).isEqualTo("9");
        });
    }

    @Test
    void ownedObjectsAreCollectableButUserDataIsRetained() {
        DiscourseInstance instance = create("forum");
        String uid = instance.getMetadata().getUid();
        await().atMost(TIMEOUT).until(() -> sts("forum") != null
                && client.persistentVolumeClaims().inNamespace(ns).withName("forum-uploads").get() != null
                && client.secrets().inNamespace(ns).withName("forum-secret-key-base").get() != null
                && client.services().inNamespace(ns).withName("forum-headless").get() != null);
        assertThat(sts("forum").getMetadata().getOwnerReferences()).extracting(OwnerReference::getUid).containsExactly(uid);
        assertThat(client.services().inNamespace(ns).withName("forum").get().getMetadata().getOwnerReferences())
                .extracting(OwnerReference::getUid).containsExactly(uid);
        assertThat(client.persistentVolumeClaims().inNamespace(ns).withName("forum-uploads").get().getMetadata()
                .getOwnerReferences()).isNullOrEmpty();
        assertThat(client.secrets().inNamespace(ns).withName("forum-secret-key-base").get().getMetadata()
                .getOwnerReferences()).isNullOrEmpty();

        client.resource(instance).delete();
        await().atMost(TIMEOUT).until(() -> get("forum") == null);
        assertThat(client.persistentVolumeClaims().inNamespace(ns).withName("forum-uploads").get()).isNotNull();
        assertThat(client.secrets().inNamespace(ns).withName("forum-secret-key-base").get()).isNotNull();
    }

    @Test
    void aChangedRetentionPolicyMovesTheOwnerReferenceAndKeepsTheData() {
        DiscourseInstance instance = create("forum");
        String uid = instance.getMetadata().getUid();
        await().atMost(TIMEOUT).until(() -> claim() != null && secretKeyBase() != null);
        String key = secretKeyBase().getData().get("secret_key_base");

        edit(spec -> {
            spec.getUploads().setRetentionPolicy(RetentionPolicy.DELETE);
            spec.setSecretKeyBaseRetentionPolicy(RetentionPolicy.DELETE);
        });
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(claim().getMetadata().getOwnerReferences()).extracting(OwnerReference::getUid).containsExactly(uid);
            assertThat(secretKeyBase().getMetadata().getOwnerReferences()).extracting(OwnerReference::getUid)
                    .containsExactly(uid);
        });

        edit(spec -> spec.getUploads().setRetentionPolicy(RetentionPolicy.RETAIN));
        await().atMost(TIMEOUT).untilAsserted(
                () -> assertThat(claim().getMetadata().getOwnerReferences()).isNullOrEmpty());
        assertThat(secretKeyBase().getMetadata().getOwnerReferences()).extracting(OwnerReference::getUid).containsExactly(uid);
        assertThat(secretKeyBase().getData().get("secret_key_base")).as("users stay signed in").isEqualTo(key);
    }

    @Test
    void aBiggerUploadsSizeGrowsTheVolumeAndASmallerOneIsRefused() {
        // the default StorageClass allows expansion, and its provisioner binds the claim: only a bound claim may grow
        create("forum");
        awaitBoundClaim();
        edit(spec -> spec.getUploads().setSize("20Gi"));
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(claim().getSpec().getResources().getRequests().get("storage"))
                .isEqualTo(new Quantity("20Gi")));
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(condition("forum", "UploadsVolume")).get()
                .extracting(Condition::getStatus).isEqualTo("True"));

        edit(spec -> spec.getUploads().setSize("5Gi"));
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(condition("forum", "UploadsVolume")).get().satisfies(c -> {
            assertThat(c.getStatus()).isEqualTo("False");
            assertThat(c.getReason()).isEqualTo("CannotResize");
            assertThat(c.getMessage()).isEqualTo("uploads.size 5Gi is smaller than the uploads volume's 20Gi; "
                    + "volumes cannot shrink, so it stays 20Gi");
        }));
        assertThat(claim().getSpec().getResources().getRequests().get("storage")).isEqualTo(new Quantity("20Gi"));
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(OperatorEvents.in(client, ns))
                .filteredOn(e -> "UploadsVolumeUnchanged".equals(e.getReason())).singleElement()
                .extracting(e -> e.getType()).isEqualTo("Warning"));
    }

    @Test
    void aVolumeThatCannotGrowIsSaidInTheStatus() {
        client.storage().v1().storageClasses().resource(new StorageClassBuilder().withNewMetadata()
                .withName("fixed-" + ns).endMetadata().withProvisioner(SimulatedCluster.PROVISIONER)
                .withAllowVolumeExpansion(false).build()).create();
        DiscourseInstance instance = new DiscourseInstance();
        instance.setMetadata(new ObjectMetaBuilder().withName("forum").withNamespace(ns).build());
        instance.setSpec(new DiscourseInstanceSpec());
        instance.getSpec().getUploads().setStorageClassName("fixed-" + ns);
        client.resource(instance).create();
        awaitBoundClaim();
        edit(spec -> spec.getUploads().setSize("20Gi"));
        // a storage class without expansion: the API server refuses, the status says why
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(condition("forum", "UploadsVolume")).get().satisfies(c -> {
            assertThat(c.getStatus()).isEqualTo("False");
            assertThat(c.getMessage()).startsWith("The uploads volume cannot grow to 20Gi: ");
        }));
        assertThat(claim().getSpec().getResources().getRequests().get("storage")).isEqualTo(new Quantity("10Gi"));
    }

    private void awaitBoundClaim() {
        await().atMost(TIMEOUT).until(() -> claim() != null && claim().getStatus() != null
                && "Bound".equals(claim().getStatus().getPhase()));
    }

    private void edit(java.util.function.Consumer<DiscourseInstanceSpec> change) {
        Edits.edit(client.resources(DiscourseInstance.class).inNamespace(ns).withName("forum"), i -> {
            change.accept(i.getSpec());
            return i;
        });
    }

    private PersistentVolumeClaim claim() {
        return client.persistentVolumeClaims().inNamespace(ns).withName("forum-uploads").get();
    }

    private Secret secretKeyBase() {
        return client.secrets().inNamespace(ns).withName("forum-secret-key-base").get();
    }

    @Test
    void aRelationThatIsNotReadyIsShownOnTheInstance() {
        create("forum");
        DatabaseRelation db = new DatabaseRelation();
        db.setMetadata(new ObjectMetaBuilder().withName("db").withNamespace(ns).build());
        DatabaseRelationSpec spec = new DatabaseRelationSpec();
        spec.setInstanceRef(new InstanceRef("forum"));
        spec.setSecretRef(new ConnectionSecretRef("missing"));
        db.setSpec(spec);
        client.resource(db).create();
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(condition("forum", "DatabaseReady")).get()
                .extracting(Condition::getMessage).isEqualTo("Waiting for database relation: Secret missing not found"));
        assertThat(sts("forum").getSpec().getReplicas()).isZero();
    }
}
