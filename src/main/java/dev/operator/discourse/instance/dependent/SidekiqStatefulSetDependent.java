package dev.operator.discourse.instance.dependent;

import java.util.Objects;
import java.util.Optional;

import dev.operator.discourse.api.v1alpha1.DiscourseInstance;
import dev.operator.discourse.instance.DesiredSidekiqStatefulSet;
import dev.operator.discourse.instance.InstanceState;
import dev.operator.discourse.workload.RelationEnv;
import dev.operator.discourse.workload.WorkloadContainer;
import dev.operator.discourse.workload.WorkloadNames;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.Matcher;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;

/**
 * The separate Sidekiq workload's base, under the instance's field manager, read from the web workload's
 * informer (one StatefulSet cache for both). It runs the image web is allowed to run, so the pre-deployment
 * migrations gate both and Sidekiq rolls with web.
 */
public class SidekiqStatefulSetDependent extends CRUDKubernetesDependentResource<StatefulSet, DiscourseInstance> {

    private final MatchMemo memo = new MatchMemo();

    public SidekiqStatefulSetDependent() {
        super(StatefulSet.class);
    }

    @Override
    protected ResourceID targetSecondaryResourceID(DiscourseInstance instance, Context<DiscourseInstance> context) {
        return new ResourceID(WorkloadNames.sidekiqStatefulSet(instance.getMetadata().getName()),
                instance.getMetadata().getNamespace());
    }

    @Override
    public Matcher.Result<StatefulSet> match(StatefulSet actual, StatefulSet desired, DiscourseInstance instance,
            Context<DiscourseInstance> context) {
        boolean matched = memo.matches(actual, desired,
                () -> super.match(actual, desired, instance, context).matched());
        return Matcher.Result.computed(matched, desired);
    }

    @Override
    protected StatefulSet desired(DiscourseInstance instance, Context<DiscourseInstance> context) {
        InstanceState state = InstanceState.from(context);
        Optional<StatefulSet> live = getSecondaryResource(instance, context);
        int liveReplicas = live.map(s -> s.getSpec().getReplicas()).filter(Objects::nonNull).orElse(0);
        int replicas = relationsApplied(live)
                ? state.workloadReplicas(instance.getSpec().getSidekiq().getReplicas(), liveReplicas)
                : 0;
        return DesiredSidekiqStatefulSet.build(instance, replicas, state.workloadImage(instance.getSpec().getImage()),
                state.ingressTls(), state.heldRolloutPartition(replicas));
    }

    /**
     * A Sidekiq workload made after its relations were ready (a switch to Separate on a running forum) has no
     * database or Redis env until those relations have applied theirs: until then it runs no pod, which could
     * only crash and be replaced.
     */
    static boolean relationsApplied(Optional<StatefulSet> live) {
        var env = live.flatMap(WorkloadContainer::of).map(c -> c.getEnv()).orElse(java.util.List.of());
        return env.stream().map(EnvVar::getName).anyMatch(n -> n.startsWith(RelationEnv.DATABASE_PREFIX))
                && env.stream().map(EnvVar::getName).anyMatch(n -> n.startsWith(RelationEnv.REDIS_PREFIX));
    }
}
