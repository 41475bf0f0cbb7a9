package dev.operator.discourse.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.operator.discourse.api.v1alpha1.DiscourseInstance;
import dev.operator.discourse.api.v1alpha1.InstancePhase;
import dev.operator.discourse.instance.InstanceStatusAggregator;
import dev.operator.discourse.workload.WorkloadContainer;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

/**
 * Watches instances and StatefulSets and timestamps, per instance, the two moments the benchmark reports:
 * <ul>
 * <li><b>fields</b>: the StatefulSet's discourse container carries every expected env entry (the instance's,
 * the database relation's and the Redis relation's, compared by value or Secret reference) and the pod
 * template carries both relations' checksum annotations;</li>
 * <li><b>ready</b>: fields, plus {@code spec.replicas} as the instance asks, plus the instance's status written
 * for the current generation with phase Ready and condition Ready=True.</li>
 * </ul>
 * Times are taken when the watch event arrives here, so they include the watch's delivery to this process.
 */
final class Convergence implements AutoCloseable {

    /** One instance being measured: from {@link #start} until ready. */
    static final class Target {
        final String namespace;
        final String name;
        final long startNanos;
        volatile List<EnvVar> expectedEnv;
        volatile Set<String> expectedAnnotations;
        volatile int replicas;
        volatile long generation;
        volatile long fieldsNanos = -1;
        volatile long readyNanos = -1;
        final CountDownLatch fields = new CountDownLatch(1);
        final CountDownLatch ready = new CountDownLatch(1);

        Target(String namespace, String name, long startNanos) {
            this.namespace = namespace;
            this.name = name;
            this.startNanos = startNanos;
        }

        double fieldsMs() {
            return fieldsNanos < 0 ? Double.NaN : (fieldsNanos - startNanos) / 1e6;
        }

        double readyMs() {
            return readyNanos < 0 ? Double.NaN : (readyNanos - startNanos) / 1e6;
        }
    }

    private final Map<String, Target> targets = new ConcurrentHashMap<>();
    private final Map<String, StatefulSet> statefulSets = new ConcurrentHashMap<>();
    private final Map<String, DiscourseInstance> instances = new ConcurrentHashMap<>();
    private final List<SharedIndexInformer<?>> informers = new ArrayList<>();

    Convergence(KubernetesClient client) {
        informers.add(client.apps().statefulSets().inAnyNamespace().inform(handler(statefulSets)));
        informers.add(client.resources(DiscourseInstance.class).inAnyNamespace().inform(handler(instances)));
    }

    private <T extends io.fabric8.kubernetes.api.model.HasMetadata> ResourceEventHandler<T> handler(Map<String, T> latest) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T obj) {
                seen(obj);
            }

            @Override
            public void onUpdate(T oldObj, T newObj) {
                seen(newObj);
            }

            @Override
            public void onDelete(T obj, boolean deletedFinalStateUnknown) {
                latest.remove(key(obj.getMetadata().getNamespace(), obj.getMetadata().getName()));
            }

            private void seen(T obj) {
                long now = System.nanoTime();
                String key = key(obj.getMetadata().getNamespace(), obj.getMetadata().getName());
                latest.put(key, obj);
                Target target = targets.get(key);
                if (target != null) {
                    evaluate(target, now);
                }
            }
        };
    }

    static String key(String namespace, String name) {
        return namespace + "/" + name;
    }

    /** Starts the clock for an instance about to be created or edited; call before the request. */
    Target start(String namespace, String name) {
        Target target = new Target(namespace, name, System.nanoTime());
        targets.put(key(namespace, name), target);
        return target;
    }

    /** What converged means for this target, known once the server has answered the create or edit. */
    void expect(Target target, List<EnvVar> env, Set<String> annotations, int replicas, long generation) {
        target.expectedEnv = env;
        target.expectedAnnotations = annotations;
        target.replicas = replicas;
        target.generation = generation;
        evaluate(target, System.nanoTime());
    }

    private static boolean fields(Target target, StatefulSet sts) {
        if (sts == null || target.expectedEnv == null) {
            return false;
        }
        var container = WorkloadContainer.of(sts);
        if (container.isEmpty() || !EnvCheck.missing(target.expectedEnv, container.get().getEnv()).isEmpty()) {
            return false;
        }
        var meta = sts.getSpec().getTemplate().getMetadata();
        Map<String, String> annotations = meta == null || meta.getAnnotations() == null ? Map.of() : meta.getAnnotations();
        return annotations.keySet().containsAll(target.expectedAnnotations);
    }

    private static boolean ready(Target target, DiscourseInstance instance, StatefulSet sts) {
        if (instance == null || instance.getStatus() == null || sts == null) {
            return false;
        }
        var status = instance.getStatus();
        return status.getObservedGeneration() != null && status.getObservedGeneration() >= target.generation
                && status.getPhase() == InstancePhase.Ready
                && status.getConditions() != null && status.getConditions().stream().anyMatch(
                        c -> InstanceStatusAggregator.READY.equals(c.getType()) && "True".equals(c.getStatus()))
                && sts.getSpec().getReplicas() != null && sts.getSpec().getReplicas() == target.replicas;
    }

    private void evaluate(Target target, long now) {
        synchronized (target) {
            if (target.readyNanos >= 0) {
                return;
            }
            String key = key(target.namespace, target.name);
            StatefulSet sts = statefulSets.get(key);
            if (!fields(target, sts)) {
                return;
            }
            if (target.fieldsNanos < 0) {
                target.fieldsNanos = now;
                target.fields.countDown();
            }
            if (ready(target, instances.get(key), sts)) {
                target.readyNanos = now;
                target.ready.countDown();
            }
        }
    }

    /** Waits for every target to be ready; returns how many were not within the time. */
    static int await(List<Target> targets, long deadlineNanos) throws InterruptedException {
        int late = 0;
        for (Target t : targets) {
            long left = deadlineNanos - System.nanoTime();
            if (!t.ready.await(Math.max(0, left), TimeUnit.NANOSECONDS)) {
                late++;
            }
        }
        return late;
    }

    /** Why a target is not ready yet, for the log of a run that timed out. */
    String diagnose(Target target) {
        String key = key(target.namespace, target.name);
        StatefulSet sts = statefulSets.get(key);
        DiscourseInstance instance = instances.get(key);
        List<String> missing = sts == null || target.expectedEnv == null ? List.of("(no StatefulSet)")
                : WorkloadContainer.of(sts).map(c -> EnvCheck.missing(target.expectedEnv, c.getEnv()))
                        .orElse(List.of("(no container)"));
        return key + ": missing env " + missing + ", replicas " + (sts == null ? null : sts.getSpec().getReplicas())
                + ", status " + (instance == null || instance.getStatus() == null ? null
                        : instance.getStatus().getPhase() + " gen " + instance.getStatus().getObservedGeneration() + " "
                                + instance.getStatus().getConditions());
    }

    @Override
    public void close() {
        informers.forEach(SharedIndexInformer::close);
    }
}
