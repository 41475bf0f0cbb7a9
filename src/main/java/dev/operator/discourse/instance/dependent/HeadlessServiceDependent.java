package dev.operator.discourse.instance.dependent;

import dev.operator.discourse.api.v1alpha1.DiscourseInstance;
import dev.operator.discourse.cache.PrunedStores;
import dev.operator.discourse.instance.DesiredServices;
import dev.operator.discourse.workload.WorkloadNames;
import io.fabric8.kubernetes.api.model.Service;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;

@KubernetesDependent(informer = @Informer(labelSelector = WorkloadNames.MANAGED_SELECTOR,
        itemStore = PrunedStores.InstanceServices.class))
public class HeadlessServiceDependent extends CRUDKubernetesDependentResource<Service, DiscourseInstance> {

    public HeadlessServiceDependent() {
        super(Service.class);
    }

    /** By name: JOSDK would otherwise build the desired Service just to learn its name. */
    @Override
    protected ResourceID targetSecondaryResourceID(DiscourseInstance instance, Context<DiscourseInstance> context) {
        return new ResourceID(WorkloadNames.headlessService(instance.getMetadata().getName()), instance.getMetadata().getNamespace());
    }

    @Override
    protected Service desired(DiscourseInstance instance, Context<DiscourseInstance> context) {
        return DesiredServices.headless(instance);
    }
}
