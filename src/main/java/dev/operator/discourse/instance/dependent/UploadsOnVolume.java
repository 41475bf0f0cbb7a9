package dev.operator.discourse.instance.dependent;

import dev.operator.discourse.api.v1alpha1.DiscourseInstance;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/** Uploads need a volume only while S3 is off. */
public class UploadsOnVolume implements Condition<PersistentVolumeClaim, DiscourseInstance> {

    @Override
    public boolean isMet(DependentResource<PersistentVolumeClaim, DiscourseInstance> dependentResource,
            DiscourseInstance instance, Context<DiscourseInstance> context) {
        return !instance.getSpec().getS3().isEnabled();
    }
}
