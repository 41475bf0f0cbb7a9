package dev.operator.discourse.instance.dependent;

import dev.operator.discourse.api.v1alpha1.DiscourseInstance;
import dev.operator.discourse.cache.PrunedStores;
import dev.operator.discourse.instance.DesiredStatefulSet;
import dev.operator.discourse.instance.InstanceState;
import dev.operator.discourse.workload.WorkloadNames;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.Matcher;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;

/** The workload's base, applied with server-side apply under the instance's field manager. */
@KubernetesDependent(informer = @Informer(labelSelector = WorkloadNames.MANAGED_SELECTOR,
        itemStore = PrunedStores.InstanceStatefulSets.class))
public class WorkloadStatefulSetDependent extends CRUDKubernetesDependentResource<StatefulSet, DiscourseInstance> {

    private final MatchMemo memo = new MatchMemo();

    public WorkloadStatefulSetDependent() {
        super(StatefulSet.class);
    }

    /** By name: JOSDK would otherwise build the whole desired StatefulSet once more just to learn its name. */
    @Override
    protected ResourceID targetSecondaryResourceID(DiscourseInstance instance, Context<DiscourseInstance> context) {
        return new ResourceID(WorkloadNames.statefulSet(instance.getMetadata().getName()),
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
        int replicas = state.workloadReplicas(instance.getSpec().getReplicas());
        return DesiredStatefulSet.build(instance, replicas, state.workloadImage(instance.getSpec().getImage()),
                state.ingressTls(), state.heldRolloutPartition(replicas));
    }
}
