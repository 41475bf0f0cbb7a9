package dev.operator.discourse.instance.dependent;

import dev.operator.discourse.api.v1alpha1.DiscourseInstance;
import dev.operator.discourse.cache.PrunedStores;
import dev.operator.discourse.instance.DesiredRetainedObjects;
import dev.operator.discourse.instance.WakeFilters;
import dev.operator.discourse.workload.WorkloadNames;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;

/**
 * The uploads volume holds user data: created when S3 is off, never deleted by the operator (not even when S3
 * is turned on later), garbage-collected only when the user chose retentionPolicy Delete.
 */
@KubernetesDependent(informer = @Informer(labelSelector = WorkloadNames.MANAGED_SELECTOR,
        itemStore = PrunedStores.WithoutManagedFields.class,
        onUpdateFilter = WakeFilters.ClaimUpdates.class))
public class UploadsClaimDependent extends KubernetesDependentResource<PersistentVolumeClaim, DiscourseInstance>
        implements Creator<PersistentVolumeClaim, DiscourseInstance> {

    public UploadsClaimDependent() {
        super(PersistentVolumeClaim.class);
    }

    @Override
    protected PersistentVolumeClaim desired(DiscourseInstance instance, Context<DiscourseInstance> context) {
        return DesiredRetainedObjects.uploadsClaim(instance);
    }
}
