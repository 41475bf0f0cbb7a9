package dev.operator.discourse.instance.dependent;

import dev.operator.discourse.api.v1alpha1.DiscourseInstance;
import dev.operator.discourse.cache.PrunedStores;
import dev.operator.discourse.instance.DesiredRetainedObjects;
import dev.operator.discourse.workload.WorkloadNames;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;

/**
 * Created once and never updated nor deleted by the operator: a new secret_key_base would sign every user out.
 * Not garbage-collected unless the instance's retention policy says Delete.
 */
@KubernetesDependent(informer = @Informer(labelSelector = WorkloadNames.MANAGED_SELECTOR,
        itemStore = PrunedStores.WithoutManagedFields.class))
public class SecretKeyBaseDependent extends KubernetesDependentResource<Secret, DiscourseInstance>
        implements Creator<Secret, DiscourseInstance> {

    public SecretKeyBaseDependent() {
        super(Secret.class);
    }

    @Override
    protected Secret desired(DiscourseInstance instance, Context<DiscourseInstance> context) {
        return DesiredRetainedObjects.secretKeyBase(instance);
    }
}
