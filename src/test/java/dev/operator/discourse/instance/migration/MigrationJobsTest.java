package dev.operator.discourse.instance.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.operator.discourse.api.v1alpha1.DatabaseRelationSpec;
import dev.operator.discourse.api.v1alpha1.DiscourseInstance;
import dev.operator.discourse.api.v1alpha1.SecretKeyRef;
import dev.operator.discourse.instance.DesiredStatefulSet;
import dev.operator.discourse.instance.TestInstances;
import dev.operator.discourse.relation.database.DatabaseEnv;
import dev.operator.discourse.workload.WorkloadNames;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

class MigrationJobsTest {

    final DiscourseInstance instance = TestInstances.minimal("forum");

    StatefulSet live() {
        StatefulSet sts = DesiredStatefulSet.build(instance, 1, "old:1");
        sts.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()
                .add(new EnvVarBuilder().withName("DISCOURSE_DB_HOST").withValue("pg").build());
        return sts;
    }

    @Test
    void preRunsTheMigrationsWithoutPostDeploymentOnesAndReportsTheVersion() {
        Job job = MigrationJobs.build(instance, live(), MigrationStep.PRE, "new:2", Optional.empty());
        var container = job.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getCommand()).containsExactly("/bin/sh", "-c",
                "set -e; bin/bundle exec rake db:migrate; "
                        + "bin/rails runner 'puts Discourse::VERSION::STRING' > /dev/termination-log");
        assertThat(container.getImage()).isEqualTo("new:2");
        assertThat(container.getWorkingDir()).isEqualTo("/srv/discourse/app");
        assertThat(container.getEnv()).extracting(e -> e.getName() + "=" + e.getValue())
                .contains("SKIP_POST_DEPLOYMENT_MIGRATIONS=1", "DISCOURSE_DB_HOST=pg", "RAILS_ENV=production");
        assertThat(container.getTerminationMessagePolicy()).isEqualTo("FallbackToLogsOnError");
        assertThat(container.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(job.getSpec().getBackoffLimit()).isZero();
        assertThat(job.getSpec().getTemplate().getSpec().getRestartPolicy()).isEqualTo("Never");
        assertThat(job.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(o -> assertThat(o.getUid()).isEqualTo(instance.getMetadata().getUid()));
    }

    @Test
    void postRunsEverythingAndAssetsOnlyUpload() {
        var post = MigrationJobs.build(instance, live(), MigrationStep.POST, "new:2", Optional.empty())
                .getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(post.getEnv()).extracting(EnvVar::getName).doesNotContain("SKIP_POST_DEPLOYMENT_MIGRATIONS");
        var assets = MigrationJobs.build(instance, live(), MigrationStep.ASSETS, "new:2", Optional.of("b"))
                .getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(assets.getCommand()).containsExactly("/bin/sh", "-c", "set -e; bin/bundle exec rake s3:upload_assets");
    }

    @Test
    void itsPodsAreNeverSelectedByTheInstancesService() {
        Job job = MigrationJobs.build(instance, live(), MigrationStep.PRE, "new:2", Optional.empty());
        var labels = job.getSpec().getTemplate().getMetadata().getLabels();
        assertThat(labels).doesNotContainKey(WorkloadNames.LABEL_INSTANCE)
                .containsEntry(MigrationJobs.LABEL_INSTANCE, "forum").containsEntry(WorkloadNames.LABEL_COMPONENT, "migration");
        assertThat(WorkloadNames.selectorLabels("forum").entrySet()).isNotEmpty()
                .anySatisfy(e -> assertThat(labels.get(e.getKey())).isNotEqualTo(e.getValue()));
        assertThat(job.getSpec().getTemplate().getSpec().getVolumes()).isNullOrEmpty();
    }

    @Test
    void theDigestFollowsTheContainer() {
        String a = MigrationJobs.specDigest(MigrationJobs.build(instance, live(), MigrationStep.PRE, "new:2", Optional.empty()));
        assertThat(MigrationJobs.specDigest(MigrationJobs.build(instance, live(), MigrationStep.PRE, "new:2",
                Optional.empty()))).isEqualTo(a);
        StatefulSet changed = live();
        changed.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()
                .add(new EnvVarBuilder().withName("X").withValue("1").build());
        assertThat(MigrationJobs.specDigest(MigrationJobs.build(instance, changed, MigrationStep.PRE, "new:2",
                Optional.empty()))).isNotEqualTo(a);
    }

    @Test
    void theDatabaseCaVolumeComesAlongButNotTheUploadsClaim() {
        StatefulSet sts = live();
        var pod = sts.getSpec().getTemplate().getSpec();
        assertThat(pod.getVolumes()).as("the minimal instance keeps uploads on a claim")
                .anySatisfy(v -> assertThat(v.getPersistentVolumeClaim()).isNotNull());
        DatabaseRelationSpec db = new DatabaseRelationSpec();
        db.setCaSecretRef(new SecretKeyRef("pg-ca", "ca.crt"));
        pod.getVolumes().addAll(DatabaseEnv.volumes(db));
        pod.getContainers().get(0).getVolumeMounts().addAll(DatabaseEnv.mounts(db));

        var jobPod = MigrationJobs.build(instance, sts, MigrationStep.PRE, "new:2", Optional.empty()).getSpec()
                .getTemplate().getSpec();
        assertThat(jobPod.getVolumes()).extracting(v -> v.getName()).containsExactly(DatabaseEnv.CA_VOLUME);
        assertThat(jobPod.getContainers().get(0).getVolumeMounts()).extracting(m -> m.getMountPath())
                .containsExactly(DatabaseEnv.CA_DIR);
    }
}
