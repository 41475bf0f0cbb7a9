package dev.operator.discourse.workload;

import jakarta.enterprise.context.ApplicationScoped;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.SSABasedGenericKubernetesResourceMatcher;

/**
 * Applies a relation's intent to the workload with server-side apply. Conflicts are not forced: a field that
 * another manager owns is a bug to surface, not to paper over.
 */
@ApplicationScoped
public class WorkloadPatcher {

    private final KubernetesClient client;

    public WorkloadPatcher(KubernetesClient client) {
        this.client = client;
    }

    /** Applies the intent unless the live object already carries exactly it; true when it wrote. */
    public boolean applyIfChanged(StatefulSet live, StatefulSet intent, Context<?> context) {
        String fieldManager = context.getControllerConfiguration().fieldManager();
        if (intent.getSpec() == null) {
            // An empty intent (WorkloadPatch.empty) is a removal; JOSDK's matcher cannot compare a StatefulSet
            // without a spec, and there is only something to remove while the manager still owns fields.
            if (!ownsSpecFields(live, fieldManager)) {
                return false;
            }
        } else if (SSABasedGenericKubernetesResourceMatcher.<StatefulSet>getInstance().matches(live, intent, context)) {
            return false;
        }
        apply(intent, fieldManager);
        return true;
    }

    static boolean ownsSpecFields(StatefulSet live, String fieldManager) {
        return live.getMetadata().getManagedFields() != null && live.getMetadata().getManagedFields().stream()
                .filter(f -> fieldManager.equals(f.getManager()) && f.getFieldsV1() != null
                        && f.getFieldsV1().getAdditionalProperties() != null)
                .anyMatch(f -> f.getFieldsV1().getAdditionalProperties().containsKey("f:spec"));
    }

    public void apply(StatefulSet intent, String fieldManager) {
        client.apps().statefulSets().inNamespace(intent.getMetadata().getNamespace()).resource(intent)
                .fieldManager(fieldManager).serverSideApply();
    }
}
