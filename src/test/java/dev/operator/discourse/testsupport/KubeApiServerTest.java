package dev.operator.discourse.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Proves the shared control plane is the one the tests say it is, and does what they rely on: server-side apply,
 * and the controllers and simulated kubelet that run StatefulSets, Jobs and volumes.
 */
@RequiresKubeApiServer
class KubeApiServerTest {

    private static final String NS = "testsupport-ssa";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    void theServerIsTheVersionTheControlPlaneIsBuiltFrom() {
        KubeApiServer server = KubeApiServer.shared();
        var version = server.client().getKubernetesVersion();
        assertThat(version.getGitVersion()).isEqualTo("v" + KubeApiServer.VERSION);
        assertThat(server.controlPlane()).contains("v" + KubeApiServer.VERSION).contains("etcd v3.6.").contains("kwok v");
        System.err.println("control plane under test: " + server.controlPlane());
    }

    @Test
    void aStatefulSetRollsOutOnSimulatedNodesWithABoundVolume() {
        KubernetesClient client = KubeApiServer.shared().client();
        try (TestNamespace ns = TestNamespace.create(client, "testsupport-sts-")) {
            var labels = Map.of("app", "web");
            client.apps().statefulSets().inNamespace(ns.name).resource(new StatefulSetBuilder().withNewMetadata()
                    .withName("web").endMetadata().withNewSpec().withReplicas(2).withServiceName("web")
                    .withNewSelector().withMatchLabels(labels).endSelector()
                    .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata().withNewSpec()
                    .addNewContainer().withName("c").withImage("example.test/web:1").endContainer().endSpec()
                    .endTemplate()
                    .addNewVolumeClaimTemplate().withNewMetadata().withName("data").endMetadata().withNewSpec()
                    .withAccessModes("ReadWriteOnce").withNewResources()
                    .addToRequests("storage", new Quantity("1Gi")).endResources().endSpec().endVolumeClaimTemplate()
                    .endSpec().build()).create();
            await().atMost(TIMEOUT).untilAsserted(() -> {
                StatefulSet sts = client.apps().statefulSets().inNamespace(ns.name).withName("web").get();
                assertThat(sts.getStatus().getReadyReplicas()).isEqualTo(2);
            });
            assertThat(client.persistentVolumeClaims().inNamespace(ns.name).list().getItems())
                    .hasSize(2).allSatisfy(c -> assertThat(c.getStatus().getPhase()).isEqualTo("Bound"));
            assertThat(client.pods().inNamespace(ns.name).list().getItems())
                    .allSatisfy(p -> assertThat(p.getSpec().getNodeName()).isIn(SimulatedCluster.NODES));

            // a pod that fails its readiness check makes the StatefulSet count one ready pod less
            Pod first = client.pods().inNamespace(ns.name).withName("web-0").get();
            SimulatedPods.setReady(client, first, false);
            await().atMost(TIMEOUT).untilAsserted(() -> assertThat(client.apps().statefulSets().inNamespace(ns.name)
                    .withName("web").get().getStatus().getReadyReplicas()).isEqualTo(1));
            SimulatedPods.setReady(client, first, true);
            await().atMost(TIMEOUT).untilAsserted(() -> assertThat(client.apps().statefulSets().inNamespace(ns.name)
                    .withName("web").get().getStatus().getReadyReplicas()).isEqualTo(2));
        }
    }

    @Test
    void aHeldNamespacesPodsWaitForTheTestAndANeverReadyImageNeverPasses() {
        KubernetesClient client = KubeApiServer.shared().client();
        try (TestNamespace ns = TestNamespace.held(client, "testsupport-held-")) {
            for (String name : List.of("held", "broken")) {
                client.pods().inNamespace(ns.name).resource(new io.fabric8.kubernetes.api.model.PodBuilder()
                        .withNewMetadata().withName(name).endMetadata().withNewSpec().addNewContainer().withName("c")
                        .withImage("example.test/web:1" + (name.equals("broken") ? SimulatedPods.NEVER_READY_SUFFIX : ""))
                        .endContainer().endSpec().build()).create();
            }
            await().atMost(TIMEOUT).untilAsserted(() -> assertThat(client.pods().inNamespace(ns.name).list().getItems())
                    .hasSize(2).allSatisfy(p -> assertThat(p.getStatus().getPhase()).isEqualTo("Running")));
            assertThat(client.pods().inNamespace(ns.name).list().getItems()).noneMatch(SimulatedPods::ready);

            for (String name : List.of("held", "broken")) {
                SimulatedPods.setReady(client, client.pods().inNamespace(ns.name).withName(name).get(), true);
            }
            await().atMost(TIMEOUT).until(() -> SimulatedPods.ready(client.pods().inNamespace(ns.name).withName("held").get()));
            assertThat(SimulatedPods.ready(client.pods().inNamespace(ns.name).withName("broken").get())).isFalse();
        }
    }

    @Test
    void aJobsPodEndsAsTheTestSaysAndItsOwnerGoesWithIt() {
        KubernetesClient client = KubeApiServer.shared().client();
        try (TestNamespace ns = TestNamespace.create(client, "testsupport-job-")) {
            Job job = client.batch().v1().jobs().inNamespace(ns.name).resource(new JobBuilder().withNewMetadata()
                    .withName("once").endMetadata().withNewSpec().withBackoffLimit(0).withNewTemplate().withNewSpec()
                    .withRestartPolicy("Never").addNewContainer().withName("c").withImage("example.test/job:1")
                    .endContainer().endSpec().endTemplate().endSpec().build()).create();
            SimulatedPods.finish(client, job, false, "it went wrong");
            Job failed = client.batch().v1().jobs().inNamespace(ns.name).withName("once").get();
            assertThat(failed.getStatus().getConditions())
                    .anySatisfy(c -> assertThat(c.getType() + "=" + c.getStatus()).isEqualTo("Failed=True"));
            Pod pod = client.pods().inNamespace(ns.name).withLabel("batch.kubernetes.io/job-name", "once").list()
                    .getItems().get(0);
            assertThat(pod.getStatus().getPhase()).isEqualTo("Failed");
            assertThat(pod.getStatus().getContainerStatuses().get(0).getState().getTerminated().getMessage())
                    .isEqualTo("it went wrong");

            // the garbage collector deletes what an object owned once it is gone
            client.batch().v1().jobs().inNamespace(ns.name).withName("once").withPropagationPolicy(
                    io.fabric8.kubernetes.api.model.DeletionPropagation.BACKGROUND).delete();
            await().atMost(TIMEOUT).untilAsserted(() -> assertThat(client.pods().inNamespace(ns.name).list().getItems())
                    .isEmpty());
        }
    }

    @Test
    void serverSideApplyKeepsEachFieldManagersFieldsApart() {
        KubernetesClient client = KubeApiServer.shared().client();
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build())
                .serverSideApply();

        ConfigMap plain = client.configMaps().inNamespace(NS).resource(new ConfigMapBuilder()
                .withNewMetadata().withName("plain").endMetadata()
                .addToData("k", "v").build()).create();
        assertThat(plain.getMetadata().getUid()).isNotBlank();

        applyAs(client, "operator", Map.of("owned-by-operator", "1"));
        applyAs(client, "someone-else", Map.of("owned-by-other", "2"));

        ConfigMap shared = client.configMaps().inNamespace(NS).withName("shared").get();
        assertThat(shared.getData()).containsOnly(Map.entry("owned-by-operator", "1"),
                Map.entry("owned-by-other", "2"));
        assertThat(managers(shared)).containsEntry("operator", "Apply").containsEntry("someone-else", "Apply");
        assertThat(fieldsOf(shared, "operator")).contains("f:owned-by-operator").doesNotContain("f:owned-by-other");

        // an apply without a field drops exactly that manager's field, the other manager's stays
        applyAs(client, "operator", Map.of());
        assertThat(client.configMaps().inNamespace(NS).withName("shared").get().getData())
                .containsOnly(Map.entry("owned-by-other", "2"));
    }

    private static void applyAs(KubernetesClient client, String manager, Map<String, String> data) {
        client.configMaps().inNamespace(NS).resource(new ConfigMapBuilder()
                .withNewMetadata().withName("shared").withNamespace(NS).endMetadata()
                .withData(data).build())
                .fieldManager(manager).forceConflicts().serverSideApply();
    }

    private static Map<String, String> managers(ConfigMap cm) {
        return cm.getMetadata().getManagedFields().stream()
                .collect(Collectors.toMap(ManagedFieldsEntry::getManager, ManagedFieldsEntry::getOperation));
    }

    private static String fieldsOf(ConfigMap cm, String manager) {
        List<ManagedFieldsEntry> entries = cm.getMetadata().getManagedFields().stream()
                .filter(e -> manager.equals(e.getManager())).toList();
        assertThat(entries).hasSize(1);
        return entries.get(0).getFieldsV1().getAdditionalProperties().toString();
    }
}
