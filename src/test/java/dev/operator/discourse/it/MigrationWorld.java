package dev.operator.discourse.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import dev.operator.discourse.api.v1alpha1.DiscourseInstance;
import dev.operator.discourse.api.v1alpha1.DiscourseInstanceSpec;
import dev.operator.discourse.api.v1alpha1.InstancePhase;
import dev.operator.discourse.instance.migration.MigrationJobs;
import dev.operator.discourse.testsupport.Edits;
import dev.operator.discourse.testsupport.SimulatedPods;
import dev.operator.discourse.testsupport.TestNamespace;
import dev.operator.discourse.workload.WorkloadContainer;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * One namespace with an instance called {@code forum} and relations that are Ready without a server (their
 * checks are skipped: migrations are about Jobs, not PostgreSQL), seen and driven from the test's side. The
 * real Job and StatefulSet controllers run; the test decides how each Job's process ends, and when a new pod
 * passes its readiness check.
 */
final class MigrationWorld {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final String V1 = "ghcr.io/discourse-operator/discourse:3.5.1";
    static final String V2 = "ghcr.io/discourse-operator/discourse:3.5.2";
    static final String V3 = "ghcr.io/discourse-operator/discourse:3.5.3";

    final KubernetesClient client;
    final String ns;
    private final TestNamespace namespace;

    private MigrationWorld(KubernetesClient client, TestNamespace namespace) {
        this.client = client;
        this.namespace = namespace;
        this.ns = namespace.name;
    }

    static MigrationWorld withReadyRelations(KubernetesClient client, String prefix) {
        // held: a rollout stays under way until the test has seen it and releases the new pods
        TestNamespace namespace = TestNamespace.held(client, prefix);
        UncheckedRelations.create(client, namespace.name, "forum");
        return new MigrationWorld(client, namespace);
    }

    void delete() {
        namespace.close();
    }

    void createInstance(String image) {
        DiscourseInstance instance = new DiscourseInstance();
        instance.setMetadata(new ObjectMetaBuilder().withName("forum").withNamespace(ns).build());
        DiscourseInstanceSpec spec = new DiscourseInstanceSpec();
        spec.setImage(image);
        instance.setSpec(spec);
        client.resource(instance).create();
    }

    void setImage(String image) {
        Edits.edit(client.resources(DiscourseInstance.class).inNamespace(ns).withName("forum"), i -> {
            i.getSpec().setImage(image);
            return i;
        });
    }

    /**
     * Lets the rollout finish: each pod the StatefulSet controller makes from the current template passes its
     * readiness check, and the controller reports every pod updated and ready.
     */
    void rolledOut() {
        await().atMost(TIMEOUT).until(() -> {
            StatefulSet sts = sts();
            String revision = sts.getStatus() == null ? null : sts.getStatus().getUpdateRevision();
            client.pods().inNamespace(ns).withLabels(sts.getSpec().getSelector().getMatchLabels()).list().getItems()
                    .stream().filter(p -> revision != null
                            && revision.equals(p.getMetadata().getLabels().get("controller-revision-hash")))
                    .filter(p -> "Running".equals(p.getStatus().getPhase()) && !SimulatedPods.ready(p))
                    .forEach(p -> SimulatedPods.setReady(client, p, true));
            return rolledOut(sts);
        });
    }

    static boolean rolledOut(StatefulSet sts) {
        var status = sts.getStatus();
        int replicas = sts.getSpec().getReplicas();
        return status != null && sts.getMetadata().getGeneration().equals(status.getObservedGeneration())
                && status.getUpdateRevision() != null && status.getUpdateRevision().equals(status.getCurrentRevision())
                && replicas == value(status.getReadyReplicas()) && replicas == value(status.getUpdatedReplicas())
                && replicas == value(status.getReplicas());
    }

    private static int value(Integer count) {
        return count == null ? 0 : count;
    }

    /** The unfinished Job of a step for the instance's current image. */
    Job awaitJob(String step) {
        return awaitJob(step, instance().getSpec().getImage());
    }

    Job awaitJob(String step, String image) {
        return await().atMost(TIMEOUT).until(() -> jobs().stream()
                .filter(j -> step.equals(j.getMetadata().getLabels().get(MigrationJobs.LABEL_STEP)))
                .filter(j -> image.equals(j.getMetadata().getAnnotations().get(MigrationJobs.ANNOTATION_IMAGE)))
                .filter(j -> j.getStatus() == null || j.getStatus().getSucceeded() == null)
                .findFirst().orElse(null), j -> j != null);
    }

    void awaitStatus(InstancePhase phase, String type, String status, String reason) {
        await().atMost(TIMEOUT).untilAsserted(() -> {
            DiscourseInstance i = instance();
            assertThat(i.getStatus()).isNotNull();
            assertThat(i.getStatus().getPhase()).isEqualTo(phase);
            assertThat(condition(type)).satisfies(c -> {
                assertThat(c.getStatus()).isEqualTo(status);
                assertThat(c.getReason()).isEqualTo(reason);
            });
        });
    }

    List<Job> jobs() {
        return client.batch().v1().jobs().inNamespace(ns).list().getItems();
    }

    List<Job> jobs(String step) {
        return jobs().stream().filter(j -> step.equals(j.getMetadata().getLabels().get(MigrationJobs.LABEL_STEP))).toList();
    }

    Job job(String name) {
        return client.batch().v1().jobs().inNamespace(ns).withName(name).get();
    }

    DiscourseInstance instance() {
        return client.resources(DiscourseInstance.class).inNamespace(ns).withName("forum").get();
    }

    Condition condition(String type) {
        return instance().getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst()
                .orElseThrow();
    }

    StatefulSet sts() {
        return client.apps().statefulSets().inNamespace(ns).withName("forum").get();
    }

    static String image(StatefulSet sts) {
        return WorkloadContainer.of(sts).orElseThrow().getImage();
    }

    static List<String> envNames(Job job) {
        return job.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream().map(EnvVar::getName).toList();
    }

    static String env(Job job, String name) {
        return job.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .filter(e -> name.equals(e.getName())).findFirst().map(EnvVar::getValue).orElse(null);
    }
}
