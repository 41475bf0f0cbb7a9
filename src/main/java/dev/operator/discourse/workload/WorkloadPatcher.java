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
        if (SSABasedGenericKubernetesResourceMatcher.<StatefulSet>getInstance().matches(live, intent, context)) {
            return false;
        }
        apply(intent, context.getControllerConfiguration().fieldManager());
        return true;
    }

    public void apply(StatefulSet intent, String fieldManager) {
        client.apps().statefulSets().inNamespace(intent.getMetadata().getNamespace()).resource(intent)
                .fieldManager(fieldManager).serverSideApply();
    }
}
