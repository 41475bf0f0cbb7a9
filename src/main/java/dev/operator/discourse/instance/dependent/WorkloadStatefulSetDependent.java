package dev.operator.discourse.instance.dependent;

import dev.operator.discourse.api.v1alpha1.DiscourseInstance;
import dev.operator.discourse.cache.PrunedStores;
import dev.operator.discourse.instance.DesiredStatefulSet;
import dev.operator.discourse.instance.InstanceState;
import dev.operator.discourse.workload.WorkloadNames;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The workload's base, applied with server-side apply under the instance's field manager. */
@KubernetesDependent(informer = @Informer(labelSelector = WorkloadNames.MANAGED_SELECTOR,
        itemStore = PrunedStores.InstanceStatefulSets.class))
public class WorkloadStatefulSetDependent extends CRUDKubernetesDependentResource<StatefulSet, DiscourseInstance> {

    public WorkloadStatefulSetDependent() {
        super(StatefulSet.class);
    }

    @Override
    protected StatefulSet desired(DiscourseInstance instance, Context<DiscourseInstance> context) {
        InstanceState state = InstanceState.from(context);
        int replicas = state.workloadReplicas(instance.getSpec().getReplicas());
        return DesiredStatefulSet.build(instance, replicas, state.workloadImage(instance.getSpec().getImage()),
                state.ingressTls(), state.heldRolloutPartition(replicas));
    }
}
