package dev.operator.discourse.instance.dependent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.operator.discourse.api.v1alpha1.DiscourseInstance;
import dev.operator.discourse.api.v1alpha1.SidekiqMode;
import dev.operator.discourse.instance.DesiredSidekiqStatefulSet;
import dev.operator.discourse.instance.TestInstances;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

class SidekiqStatefulSetDependentTest {

    private static StatefulSet sidekiq(String... relationEnv) {
        DiscourseInstance instance = TestInstances.minimal("forum");
        instance.getSpec().getSidekiq().setMode(SidekiqMode.SEPARATE);
        instance.getSpec().getS3().setEnabled(true);
        StatefulSet sts = DesiredSidekiqStatefulSet.build(instance, 1, "img", false, null);
        for (String name : relationEnv) {
            sts.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()
                    .add(new EnvVarBuilder().withName(name).withValue("x").build());
        }
        return sts;
    }

    @Test
    void noPodUntilBothTheDatabaseAndRedisRelationsHaveAppliedTheirEnv() {
        assertThat(SidekiqStatefulSetDependent.relationsApplied(Optional.empty())).as("not made yet").isFalse();
        assertThat(SidekiqStatefulSetDependent.relationsApplied(Optional.of(sidekiq()))).as("the instance's env only")
                .isFalse();
        assertThat(SidekiqStatefulSetDependent.relationsApplied(Optional.of(sidekiq("DISCOURSE_DB_HOST")))).isFalse();
        assertThat(SidekiqStatefulSetDependent.relationsApplied(Optional.of(sidekiq("DISCOURSE_REDIS_HOST")))).isFalse();
        assertThat(SidekiqStatefulSetDependent.relationsApplied(
                Optional.of(sidekiq("DISCOURSE_DB_HOST", "DISCOURSE_REDIS_HOST")))).isTrue();
    }
}
