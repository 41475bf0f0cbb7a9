package dev.operator.discourse.instance.dependent;

import dev.operator.discourse.api.v1alpha1.DiscourseInstance;
import dev.operator.discourse.cache.PrunedStores;
import dev.operator.discourse.instance.DesiredPodPolicies;
import dev.operator.discourse.workload.WorkloadNames;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;

@KubernetesDependent(informer = @Informer(labelSelector = WorkloadNames.MANAGED_SELECTOR,
        itemStore = PrunedStores.InstanceNetworkPolicies.class))
public class NetworkPolicyDependent extends CRUDKubernetesDependentResource<NetworkPolicy, DiscourseInstance> {

    public NetworkPolicyDependent() {
        super(NetworkPolicy.class);
    }

    @Override
    protected ResourceID targetSecondaryResourceID(DiscourseInstance instance, Context<DiscourseInstance> context) {
        return new ResourceID(WorkloadNames.networkPolicy(instance.getMetadata().getName()),
                instance.getMetadata().getNamespace());
    }

    @Override
    protected NetworkPolicy desired(DiscourseInstance instance, Context<DiscourseInstance> context) {
        return DesiredPodPolicies.networkPolicy(instance);
    }
}
