package dev.operator.discourse.testsupport;

import java.util.List;

import dev.operator.discourse.api.v1alpha1.DatabaseRelation;
import dev.operator.discourse.api.v1alpha1.DiscourseBackup;
import dev.operator.discourse.api.v1alpha1.DiscourseRestore;
import dev.operator.discourse.api.v1alpha1.DiscourseBackupSchedule;
import dev.operator.discourse.api.v1alpha1.DiscourseInstance;
import dev.operator.discourse.api.v1alpha1.DiscourseUserTask;
import dev.operator.discourse.api.v1alpha1.IngressRelation;
import dev.operator.discourse.api.v1alpha1.ObservabilityRelation;
import dev.operator.discourse.api.v1alpha1.RedisRelation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * A namespace of one test's own on the shared API server. Closing it deletes the custom resources in it, the
 * tasks and relations before the instances, so each relation's cleanup still finds the workload it patched,
 * then the namespace itself, which the namespace controller empties in the background.
 */
public final class TestNamespace implements AutoCloseable {

    private static final List<Class<? extends HasMetadata>> DELETION_ORDER = List.of(DiscourseUserTask.class,
            DiscourseRestore.class, DiscourseBackupSchedule.class, DiscourseBackup.class,
            ObservabilityRelation.class, IngressRelation.class, DatabaseRelation.class, RedisRelation.class,
            DiscourseInstance.class);

    public final String name;
    private final KubernetesClient client;
    private final SimulatedPods jobs;

    private TestNamespace(KubernetesClient client, String name, SimulatedPods jobs) {
        this.client = client;
        this.name = name;
        this.jobs = jobs;
    }

    /** A new namespace named {@code prefix} plus the clock in hex. */
    public static TestNamespace create(KubernetesClient client, String prefix) {
        String name = prefix + Long.toHexString(System.nanoTime());
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
                .create();
        return new TestNamespace(client, name, null);
    }

    /** A new namespace whose pods start unready until the test releases each ({@link SimulatedPods#setReady}). */
    public static TestNamespace held(KubernetesClient client, String prefix) {
        return create(client, SimulatedPods.HELD_NAMESPACE_PREFIX + prefix);
    }

    /**
     * A new namespace where every migration Job's process succeeds as soon as it runs, reporting Discourse
     * 3.5.2, for tests that are not about migrations.
     */
    public static TestNamespace withSucceedingJobs(KubernetesClient client, String prefix) {
        TestNamespace namespace = create(client, prefix);
        return new TestNamespace(client, namespace.name, SimulatedPods.succeedJobs(client, namespace.name, "3.5.2"));
    }

    @Override
    public void close() {
        if (jobs != null) {
            jobs.close();
        }
        for (Class<? extends HasMetadata> kind : DELETION_ORDER) {
            try {
                client.resources(kind).inNamespace(name).delete();
            } catch (KubernetesClientException e) {
                if (e.getCode() != 404) { // a test of the cluster alone has no CRDs installed
                    throw e;
                }
            }
        }
        client.namespaces().withName(name).delete();
    }
}
