package dev.operator.discourse.workload;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;

/**
 * A relation's intent on the instance's StatefulSet: its env entries (and any volume mounts) in the discourse
 * container, its volumes and its pod-template annotations, nothing else. Applied under the relation's own field manager, an intent with
 * no entries removes exactly what that manager had applied.
 */
public final class WorkloadPatch {

    private WorkloadPatch() {
    }

    public static StatefulSet of(String instance, String namespace, List<EnvVar> env, Map<String, String> annotations) {
        return of(instance, namespace, env, annotations, List.of(), List.of());
    }

    public static StatefulSet of(String instance, String namespace, List<EnvVar> env, Map<String, String> annotations,
            List<Volume> volumes, List<VolumeMount> mounts) {
        StatefulSetBuilder builder = removal(instance, namespace);
        if (env.isEmpty() && annotations.isEmpty() && volumes.isEmpty()) {
            return builder.build();
        }
        return builder.withNewSpec()
                .withNewTemplate()
                .withNewMetadata().withAnnotations(annotations.isEmpty() ? null : annotations).endMetadata()
                .withNewSpec()
                .withContainers(new ContainerBuilder().withName(WorkloadNames.CONTAINER).withEnv(env)
                        .withVolumeMounts(mounts.isEmpty() ? null : mounts).build())
                .withVolumes(volumes.isEmpty() ? null : volumes)
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    /** An intent with nothing in it, which removes what its manager applied to the named workload. */
    public static StatefulSet empty(String workload, String namespace) {
        return new StatefulSetBuilder()
                .withApiVersion("apps/v1")
                .withKind("StatefulSet")
                .withNewMetadata().withName(workload).withNamespace(namespace).endMetadata()
                .build();
    }

    /** The same intent for another of the instance's workloads (the separate Sidekiq). */
    public static StatefulSet retarget(StatefulSet intent, String workload) {
        if (workload.equals(intent.getMetadata().getName())) {
            return intent;
        }
        return new StatefulSetBuilder(intent).editMetadata().withName(workload).endMetadata().build();
    }

    private static StatefulSetBuilder removal(String instance, String namespace) {
        return new StatefulSetBuilder(empty(WorkloadNames.statefulSet(instance), namespace));
    }
}
