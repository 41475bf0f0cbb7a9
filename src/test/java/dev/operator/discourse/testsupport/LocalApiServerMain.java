package dev.operator.discourse.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * For scripts/run-operator.sh on a machine without a cluster: the demo a newcomer wants. Starts the test control
 * plane (simulated nodes run the pods), a real PostgreSQL and Redis on loopback, applies the generated CRDs and
 * {@code kubernetes/samples/} (but the user tasks) with the relations pointed at those servers, ends each migration Job's process as
 * Discourse 3.5.2 would, writes a kubeconfig to args[0], and keeps everything up until killed.
 */
public final class LocalApiServerMain {

    static final String NAMESPACE = "default";
    static final String DISCOURSE_VERSION = "3.5.2";

    private LocalApiServerMain() {
    }

    public static void main(String[] args) throws Exception {
        KubeApiServer server = startWithCrds();
        KubernetesClient client = server.client();
        PostgresServer postgres = PostgresServer.startNew();
        String dbPassword = "demo-" + Long.toHexString(System.nanoTime());
        postgres.createAppDatabase("discourse", "discourse", dbPassword);
        String redisPassword = "demo-" + Long.toHexString(System.nanoTime() + 1);
        RedisServer redis = RedisServer.startNew(redisPassword);
        SimulatedPods jobs = SimulatedPods.succeedJobs(client, NAMESPACE, DISCOURSE_VERSION);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            jobs.close();
            redis.close();
            postgres.close();
        }, "demo-stop"));

        // User tasks, backups (and a schedule's) and restores run in Jobs whose pods kwok's simulated nodes never end:
        // in the demo they would wait (and a restore would hold the demo forum down).
        List<HasMetadata> samples = Crds.load(client, Path.of("kubernetes/samples"), ".yaml").stream()
                .filter(o -> !List.of("DiscourseUserTask", "DiscourseBackup", "DiscourseBackupSchedule", "DiscourseRestore")
                        .contains(o.getKind())).toList();
        for (HasMetadata o : samples) {
            pointAtLocalServers(o, postgres, dbPassword, redis, redisPassword);
        }
        applyAll(client, samples);
        Path kubeconfig = Path.of(args[0]);
        Files.writeString(kubeconfig, server.kubeconfigYaml());
        System.out.println("""
                demo: started
                  control plane  %s
                                 API server %s (kwok simulates the nodes %s)
                  PostgreSQL 15  127.0.0.1:%d, database discourse (the DatabaseRelation forum-db)
                  Redis 7        127.0.0.1:%d (the RedisRelation forum-redis)
                  samples        kubernetes/samples/ but the user tasks (the simulated nodes serve no exec),
                                 in namespace %s; migration Jobs end as Discourse %s
                demo: kubeconfig %s
                demo: watch it:  KUBECONFIG=%s %s get dsc -w
                demo: stop it:   Ctrl-C (stops the operator, the servers and the control plane)"""
                .formatted(server.controlPlane(), server.apiServerUrl(), SimulatedCluster.NODES, postgres.port(),
                        redis.port(), NAMESPACE, DISCOURSE_VERSION, kubeconfig, kubeconfig,
                        ControlPlaneBinaries.defaultDir().resolve("kubectl")));
        Thread.currentThread().join();
    }

    /** The samples name servers of a real cluster; the demo's are on loopback, with their own passwords. */
    private static void pointAtLocalServers(HasMetadata o, PostgresServer postgres, String dbPassword,
            RedisServer redis, String redisPassword) {
        if (o instanceof Secret secret && secret.getStringData() != null) {
            switch (secret.getMetadata().getName()) {
                case "forum-db-app" -> {
                    secret.getStringData().put("host", postgres.host());
                    secret.getStringData().put("port", Integer.toString(postgres.port()));
                    secret.getStringData().put("password", dbPassword);
                }
                case "forum-redis" -> secret.getStringData().put("password", redisPassword);
                default -> {
                }
            }
        }
        // custom resources load as generic objects: the client knows no classes for their kinds
        if (o instanceof GenericKubernetesResource relation && "RedisRelation".equals(relation.getKind())) {
            Map<String, Object> spec = relation.get("spec");
            spec.remove("serviceRef");
            spec.put("host", RedisServer.HOST);
            spec.put("port", redis.port());
        }
    }

    /**
     * Starts the control plane with the CRDs generated into target/kubernetes, each Established, or exits the
     * JVM (status 2) when it cannot run here. Also the benchmark's starting point.
     */
    public static KubeApiServer startWithCrds() {
        if (!KubeApiServer.available()) {
            System.err.println("No local control plane can run here: " + KubeApiServer.unavailableReason());
            System.exit(2);
        }
        KubeApiServer server = KubeApiServer.shared();
        Crds.applyGenerated(server.client());
        return server;
    }

    private static void applyAll(KubernetesClient client, List<HasMetadata> objects) {
        for (HasMetadata o : objects) {
            if (o.getMetadata().getNamespace() == null && !o.getKind().equals("CustomResourceDefinition")
                    && !o.getKind().equals("Namespace")) {
                o.getMetadata().setNamespace(NAMESPACE);
            }
            client.resource(o).forceConflicts().serverSideApply();
            System.out.println("applied " + o.getKind() + " " + o.getMetadata().getName());
        }
    }
}
