package dev.operator.discourse.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.operator.discourse.instance.DesiredStatefulSet;
import dev.operator.discourse.instance.migration.MigrationJobs;
import dev.operator.discourse.instance.migration.MigrationStep;
import dev.operator.discourse.relation.database.DatabaseEnv;
import dev.operator.discourse.relation.redis.RedisEnv;
import dev.operator.discourse.workload.WorkloadContainer;
import dev.operator.discourse.workload.WorkloadNames;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

class FloorObjectsTest {

    private final FloorObjects objects = new FloorObjects("floor-latency", "forum-3", "127.0.0.1", 6390);

    /** Every label a floor object or its pods carry, and the metadata that carries them. */
    private List<ObjectMeta> everyMeta() {
        List<ObjectMeta> metas = new ArrayList<>();
        objects.beforePods().forEach(o -> metas.add(o.getMetadata()));
        metas.add(objects.statefulSet().getMetadata());
        metas.add(objects.statefulSet().getSpec().getTemplate().getMetadata());
        for (MigrationStep step : List.of(MigrationStep.PRE, MigrationStep.POST)) {
            metas.add(objects.job(step).getMetadata());
            metas.add(objects.job(step).getSpec().getTemplate().getMetadata());
        }
        return metas;
    }

    /** Equality-based selectors as the operator's informers use them: every key=value present. */
    private static boolean selects(String selector, Map<String, String> labels) {
        for (String term : selector.split(",")) {
            String[] kv = term.split("=", 2);
            if (labels == null || !kv[1].equals(labels.get(kv[0]))) {
                return false;
            }
        }
        return true;
    }

    @Test
    void noInformerOfTheOperatorSelectsAnyOfThemOrTheirPods() {
        for (ObjectMeta meta : everyMeta()) {
            assertThat(selects(WorkloadNames.MANAGED_SELECTOR, meta.getLabels())).as(meta.getName()).isFalse();
            assertThat(selects(MigrationJobs.SELECTOR, meta.getLabels())).as(meta.getName()).isFalse();
        }
    }

    @Test
    void theFloorsOwnWatchSelectsTheJobsAndTheStatefulSet() {
        assertThat(selects(FloorObjects.SELECTOR, objects.statefulSet().getMetadata().getLabels())).isTrue();
        assertThat(selects(FloorObjects.SELECTOR, objects.job(MigrationStep.PRE).getMetadata().getLabels())).isTrue();
        assertThat(selects(FloorObjects.SELECTOR, objects.job(MigrationStep.POST).getMetadata().getLabels())).isTrue();
    }

    @Test
    void nothingHasAnOwnerTheGarbageCollectorWouldFindMissing() {
        for (ObjectMeta meta : everyMeta()) {
            assertThat(meta.getOwnerReferences()).as(meta.getName()).isNullOrEmpty();
        }
    }

    @Test
    void beforeThePodsComeTheSecretKeyBaseTheUploadsClaimAndBothServices() {
        List<HasMetadata> before = objects.beforePods();
        assertThat(before).extracting(o -> o.getClass().getSimpleName() + " " + o.getMetadata().getName())
                .containsExactly("Secret forum-3-secret-key-base", "PersistentVolumeClaim forum-3-uploads",
                        "Service forum-3", "Service forum-3-headless");
        assertThat(before).allSatisfy(o -> assertThat(o.getMetadata().getNamespace()).isEqualTo("floor-latency"));
        assertThat(((Secret) before.get(0)).getStringData()).containsKey("secret_key_base");
        assertThat(((PersistentVolumeClaim) before.get(1)).getSpec().getResources().getRequests()).containsKey("storage");
        assertThat(((Service) before.get(3)).getSpec().getClusterIP()).isEqualTo("None");
    }

    @Test
    void theWorkloadIsTheOperatorsAtOneReplicaWithTheRelationsFieldsApplied() {
        StatefulSet sts = objects.statefulSet();
        StatefulSet operators = DesiredStatefulSet.build(objects.instance, 1);
        assertThat(sts.getSpec().getReplicas()).isEqualTo(1);
        assertThat(sts.getSpec().getSelector()).isEqualTo(operators.getSpec().getSelector());
        assertThat(sts.getSpec().getTemplate().getSpec().getVolumes())
                .isEqualTo(operators.getSpec().getTemplate().getSpec().getVolumes());
        var container = WorkloadContainer.of(sts).orElseThrow();
        var operatorsContainer = WorkloadContainer.of(operators).orElseThrow();
        assertThat(container.getImage()).isEqualTo(operatorsContainer.getImage());
        assertThat(container.getReadinessProbe()).isEqualTo(operatorsContainer.getReadinessProbe());
        assertThat(container.getEnv()).containsAll(operatorsContainer.getEnv());
        assertThat(container.getEnv()).extracting(EnvVar::getName)
                .contains("DISCOURSE_DB_HOST", "DISCOURSE_DB_PASSWORD", "PGSSLMODE", "DISCOURSE_REDIS_HOST",
                        "DISCOURSE_REDIS_PASSWORD");
        assertThat(container.getEnv()).filteredOn(e -> e.getName().equals("DISCOURSE_REDIS_PORT"))
                .extracting(EnvVar::getValue).containsExactly("6390");
        assertThat(sts.getSpec().getTemplate().getMetadata().getAnnotations())
                .containsKeys(DatabaseEnv.CHECKSUM_ANNOTATION, RedisEnv.CHECKSUM_ANNOTATION,
                        "kubectl.kubernetes.io/default-container");
        // the Service selects the pods by the labels the floor kept
        Service service = (Service) objects.beforePods().get(2);
        assertThat(sts.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(service.getSpec().getSelector());
    }

    @Test
    void theJobsAreTheOperatorsPreAndPostDeploymentJobsWithTheWorkloadsEnv() {
        Job pre = objects.job(MigrationStep.PRE);
        Job post = objects.job(MigrationStep.POST);
        String image = objects.instance.getSpec().getImage();
        assertThat(pre.getMetadata().getName()).isEqualTo(MigrationJobs.name("forum-3", MigrationStep.PRE, image,
                java.util.Optional.empty()));
        assertThat(pre.getMetadata().getLabels()).containsEntry(MigrationJobs.LABEL_STEP, "pre")
                .containsEntry(MigrationJobs.LABEL_INSTANCE, "forum-3");
        assertThat(post.getMetadata().getLabels()).containsEntry(MigrationJobs.LABEL_STEP, "post");
        var preEnv = pre.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv();
        var postEnv = post.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv();
        assertThat(preEnv).extracting(EnvVar::getName).contains("DISCOURSE_DB_HOST", "DISCOURSE_REDIS_HOST",
                "SKIP_POST_DEPLOYMENT_MIGRATIONS");
        assertThat(postEnv).extracting(EnvVar::getName).contains("DISCOURSE_DB_HOST")
                .doesNotContain("SKIP_POST_DEPLOYMENT_MIGRATIONS");
        assertThat(pre.getSpec().getBackoffLimit()).isZero();
    }

    @Test
    void theFloorsNamespacesAreNeitherTheOperatorPhasesNorSeenByTheirJobProcesses() {
        assertThat(Floor.ours("floor-n500")).isTrue();
        assertThat(Floor.ours("bench-n500")).isFalse();
        assertThat(JobProcesses.ours("floor-n500")).isFalse();
    }
}
