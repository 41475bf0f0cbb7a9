package dev.operator.discourse.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.operator.discourse.api.v1alpha1.ConnectionSecretRef;
import dev.operator.discourse.api.v1alpha1.DatabaseRelation;
import dev.operator.discourse.api.v1alpha1.DatabaseRelationSpec;
import dev.operator.discourse.api.v1alpha1.DiscourseInstance;
import dev.operator.discourse.api.v1alpha1.DiscourseInstanceSpec;
import dev.operator.discourse.api.v1alpha1.InstanceRef;
import dev.operator.discourse.api.v1alpha1.RedisRelation;
import dev.operator.discourse.api.v1alpha1.RedisRelationSpec;
import dev.operator.discourse.api.v1alpha1.SecretKeyRef;
import dev.operator.discourse.bench.Convergence.Target;
import dev.operator.discourse.instance.InstanceEnv;
import dev.operator.discourse.relation.database.DatabaseEnv;
import dev.operator.discourse.relation.redis.RedisEnv;
import dev.operator.discourse.testsupport.KubeApiServer;
import dev.operator.discourse.testsupport.OperatorProcess;
import dev.operator.discourse.testsupport.LocalApiServerMain;
import dev.operator.discourse.testsupport.PostgresServer;
import dev.operator.discourse.testsupport.RedisServer;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

/**
 * The benchmark (issue #7): the packaged operator as its own process against a real kube-apiserver, a real
 * PostgreSQL 15 and a real Redis 7 on loopback, this process playing the users and the missing controllers.
 * Run through scripts/benchmark.sh; results go to benchmark/results/. Options, as system properties:
 * bench.latency (instances measured one at a time, default 200), bench.floorLatency (the floor's forums one at a time,
 * default bench.latency), bench.sizes (default 10,100,500; the floor measures each too),
 * bench.idleSeconds (default 60), bench.bystanderSecrets and bench.bystanderSecretKiB (Secrets nothing names, made
 * before the operator starts; default 500 of 16 KiB), bench.out (default benchmark/results), bench.budgetSeconds (default 1800: no phase
 * waits beyond it, so the run from the operator's start stays within 30 minutes; instances not ready by then are
 * reported as such).
 */
public final class BenchmarkMain {

    static final String USER_AGENT = "discourse-benchmark";
    static final String DISCOURSE_VERSION = "3.5.2";
    static final String DB_PASSWORD = "bench-db-pw";
    static final String REDIS_PASSWORD = "bench-redis-pw";
    static final String DATABASE = "discourse";
    /** How long after a phase converged its trailing requests are still counted to it, before the next starts. */
    static final Duration SETTLE = Duration.ofSeconds(3);

    final KubernetesClient client;
    final PostgresServer postgres;
    final RedisServer redis;
    final Convergence convergence;
    /** The relations' expected env per instance, kept for the edit phase. */
    final Map<String, List<EnvVar>> relationEnv = new ConcurrentHashMap<>();
    final Results results;
    /** No phase waits past this, so a run that stops converging still ends, with what it measured, in time. */
    static long budgetNanos = Long.MAX_VALUE;

    final long operatorPid;
    final JobProcesses cluster;

    BenchmarkMain(KubernetesClient client, PostgresServer postgres, RedisServer redis, Results results,
            long operatorPid, JobProcesses cluster) {
        this.operatorPid = operatorPid;
        this.cluster = cluster;
        this.client = client;
        this.postgres = postgres;
        this.redis = redis;
        this.convergence = new Convergence(client);
        this.results = results;
    }

    public static void main(String[] args) throws Exception {
        int latencyCount = Integer.getInteger("bench.latency", 200);
        int latencyConcurrency = Integer.getInteger("bench.latencyConcurrency", 1);
        int floorLatency = Integer.getInteger("bench.floorLatency", latencyCount);
        List<Integer> sizes = java.util.Arrays.stream(System.getProperty("bench.sizes", "10,100,500").split(","))
                .map(String::trim).map(Integer::parseInt).toList();
        int idleSeconds = Integer.getInteger("bench.idleSeconds", 60);
        Path out = Path.of(System.getProperty("bench.out", "benchmark/results"));
        Path jar = Path.of(System.getProperty("bench.jar", "target/packaged-operator/quarkus-run.jar"));
        long benchStart = System.nanoTime();

        Path work = Files.createTempDirectory("discourse-bench-");
        Path auditLog = work.resolve("audit.log");
        Path policy = work.resolve("audit-policy.yaml");
        // Metadata level: who, what, which code; no bodies. RequestReceived would only double every line.
        Files.writeString(policy, "apiVersion: audit.k8s.io/v1\nkind: Policy\nomitStages: [\"RequestReceived\"]\n"
                + "rules:\n- level: Metadata\n");
        KubeApiServer.addFlagsBeforeStart(Map.of("--audit-policy-file", policy.toString(),
                "--audit-log-path", auditLog.toString(),
                // never rotated: a full run writes several hundred MB, and the report reads this one file
                "--audit-log-maxsize", "100000"));

        Results results = new Results(out);
        results.machine = MachineLine.describe();
        log("machine: " + results.machine);
        log("starting the control plane (Kubernetes v" + KubeApiServer.VERSION + ") with the CRDs");
        KubeApiServer server = LocalApiServerMain.startWithCrds();
        Config config = server.config();
        config.setUserAgent(USER_AGENT + "/1");
        config.setMaxConcurrentRequests(256);
        config.setMaxConcurrentRequestsPerHost(256);
        KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
        Path kubeconfig = work.resolve("kubeconfig");
        Files.writeString(kubeconfig, server.kubeconfigYaml());

        log("starting PostgreSQL 15 and Redis 7");
        PostgresServer postgres = PostgresServer.startNew();
        postgres.createAppDatabase(DATABASE, DATABASE, DB_PASSWORD);
        RedisServer redis = RedisServer.startNew(REDIS_PASSWORD);
        results.servers = "PostgreSQL " + serverVersion(postgres) + ", Redis " + redisVersion(redis) + ", "
                + server.controlPlane();

        results.bystanderSecrets = Integer.getInteger("bench.bystanderSecrets", 500);
        results.bystanderSecretKiB = Integer.getInteger("bench.bystanderSecretKiB", 16);
        log("creating " + results.bystanderSecrets + " bystander Secrets of " + results.bystanderSecretKiB + " KiB");
        bystanderSecrets(client, results.bystanderSecrets, results.bystanderSecretKiB);

        // Before the operator exists, so that none of its work shares the cores with the floor's (Floor)
        results.floor = Floor.measure(client, redis.host(), redis.port(), DISCOURSE_VERSION, floorLatency, sizes);
        // The floor has bounds of its own; this one keeps the operator's part of the run within 30 minutes.
        // The idle window and the report come after the last phase; 20 s covers stopping and writing.
        budgetNanos = System.nanoTime()
                + TimeUnit.SECONDS.toNanos(Integer.getInteger("bench.budgetSeconds", 1800) - idleSeconds - 20);

        Path operatorLog = work.resolve("operator.log");
        log("starting the operator: " + jar + " (log " + operatorLog + ")");
        OperatorProcess operator = OperatorProcess.launch(jar, kubeconfig, operatorLog, results.operatorJvm);
        // a benchmark stopped with Ctrl-C or kill must not leave the operator running
        Runtime.getRuntime().addShutdownHook(new Thread(operator::close, "bench-stop-operator"));
        int exit = 0;
        try (JobProcesses cluster = new JobProcesses(client, DISCOURSE_VERSION)) {
            results.startToReadyMs = operator.awaitReady(Duration.ofSeconds(120));
            log("operator ready after " + results.startToReadyMs + " ms");
            Thread.sleep(5_000);
            results.rss("idle, 0 instances", 0, operator);
            BenchmarkMain bench = new BenchmarkMain(client, postgres, redis, results, operator.pid(), cluster);
            int present = 0;
            Instant mark = Instant.now();
            String before = metrics(client);

            Phase latency = bench.latencyPhase("bench-latency", latencyCount, latencyConcurrency, mark);
            present += latencyCount;
            results.rss("after the latency phase", present, operator);
            mark = latency.to;
            String after = metrics(client);
            latency.apiserverRequests = PromText.diff(byVerb(before), byVerb(after));
            before = after;

            Phase edit = bench.editPhase("bench-latency", latencyCount, latencyConcurrency, mark);
            mark = edit.to;
            after = metrics(client);
            edit.apiserverRequests = PromText.diff(byVerb(before), byVerb(after));
            before = after;

            for (int n : sizes) {
                Phase batch = bench.throughputPhase("bench-n" + n, n, mark);
                present += n;
                results.rss("after N=" + n, present, operator);
                mark = batch.to;
                after = metrics(client);
                batch.apiserverRequests = PromText.diff(byVerb(before), byVerb(after));
                before = after;
            }

            log("idle for " + idleSeconds + " s with " + present + " instances");
            Phase idle = new Phase("idle", 0, mark);
            bench.begin(idle);
            Thread.sleep(idleSeconds * 1000L);
            idle.to = Instant.now();
            bench.end(idle);
            after = metrics(client);
            idle.apiserverRequests = PromText.diff(byVerb(before), byVerb(after));
            results.phases.add(idle);
            results.rss("after " + idleSeconds + " s idle", present, operator);
            // GC.class_histogram runs a full GC first: the heap left is what 'present' instances really keep alive
            results.histogram = MachineLine.command(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(operator.pid()), "GC.class_histogram");
            results.rss("after a full GC (jcmd GC.class_histogram)", present, operator);
            results.operatorMetrics = operator.metrics();

            results.events = client.v1().events().inAnyNamespace().list().getItems().stream()
                    .filter(e -> JobProcesses.ours(e.getMetadata().getNamespace())).toList();
            results.jobExits = cluster.jobsFinished.get();
            results.jobExitFailures = cluster.failures.get();
        } catch (Exception e) {
            exit = 1;
            results.error = e.toString();
            e.printStackTrace();
        } finally {
            results.operatorExit = operator.exitCode().orElse(null);
            operator.close();
            Thread.sleep(500);
            results.audit = AuditLog.read(auditLog, USER_AGENT);
            results.operatorLog = Files.exists(operatorLog) ? Files.readAllLines(operatorLog) : List.of();
            results.totalSeconds = (System.nanoTime() - benchStart) / 1e9;
            results.write();
            // megabytes at full size: kept beside the build output, summarised in latest.md
            Path kept = Path.of("target/benchmark-operator.log");
            Files.createDirectories(kept.getParent());
            Files.copy(operatorLog, kept, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            log("results in " + out.resolve("latest.md") + " after " + Math.round(results.totalSeconds)
                    + " s; the operator's log in target/benchmark-operator.log");
            System.out.println(results.summary());
        }
        postgres.close();
        redis.close();
        System.exit(exit);
    }

    /** Instances created one after another (or a few at a time): each one's latency without a queue in front. */
    Phase latencyPhase(String ns, int count, int concurrency, Instant from) throws Exception {
        log("latency: " + count + " instances, " + concurrency + " at a time, in " + ns);
        namespace(ns);
        prepareSecrets(ns, count);
        Phase phase = new Phase("latency", count, from);
        begin(phase);
        phase.started = Instant.now();
        // as the floor's one-at-a-time phase: on the real controllers one forum alone takes seconds
        long deadline = deadline(60 + 5 * count);
        forEachIndex(concurrency, count, i -> {
            Target t = create(ns, i);
            phase.targets.add(t);
            if (Convergence.await(List.of(t), deadline) > 0) {
                log("latency: " + convergence.diagnose(t));
            }
        });
        return finish(phase);
    }

    /**
     * A spec edit (unicornWorkers 3 -> 4) on each instance of the latency phase, one after another: the next is
     * sent once the previous one's pod template is patched, and the rollouts that follow are awaited at the end.
     * Waiting for each to be ready again would make the phase several times longer for the same numbers.
     */
    Phase editPhase(String ns, int count, int concurrency, Instant from) throws Exception {
        log("edit: " + count + " spec edits, " + concurrency + " at a time");
        Phase phase = new Phase("edit", count, from);
        begin(phase);
        phase.started = Instant.now();
        // each edit rolls its pod out again through the StatefulSet controller
        long deadline = deadline(60 + 3 * count);
        forEachIndex(concurrency, count, i -> {
            String name = name(i);
            Target t = convergence.start(ns, name);
            DiscourseInstance edited = client.resources(DiscourseInstance.class).inNamespace(ns).withName(name)
                    .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"unicornWorkers\":4}}");
            expect(t, edited);
            phase.targets.add(t);
            if (!t.fields.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                log("edit: " + convergence.diagnose(t));
            }
        });
        if (Convergence.await(phase.targets, deadline) > 0) {
            log("edit: not all ready again in time");
        }
        return finish(phase);
    }

    /** N instances created as fast as 8 client threads can: how long until the last one is ready. */
    Phase throughputPhase(String ns, int n, Instant from) throws Exception {
        log("throughput: N=" + n + " in " + ns);
        namespace(ns);
        prepareSecrets(ns, n);
        Phase phase = new Phase("N=" + n, n, from);
        begin(phase);
        phase.started = Instant.now();
        long start = System.nanoTime();
        forEachIndex(8, n, i -> phase.targets.add(create(ns, i)));
        phase.createdMs = (System.nanoTime() - start) / 1e6;
        long deadline = deadline(60 + n);
        int late = Convergence.await(phase.targets, deadline);
        if (late > 0) {
            log("N=" + n + ": " + late + " not ready in time, e.g. "
                    + phase.targets.stream().filter(t -> t.readyNanos < 0).limit(3).map(convergence::diagnose).toList());
        }
        phase.allFieldsMs = phase.targets.stream().mapToLong(t -> t.fieldsNanos < 0 ? Long.MAX_VALUE : t.fieldsNanos)
                .max().orElse(0);
        phase.allFieldsMs = phase.allFieldsMs == Long.MAX_VALUE ? Double.NaN : (phase.allFieldsMs - start) / 1e6;
        long lastReady = phase.targets.stream().mapToLong(t -> t.readyNanos < 0 ? Long.MAX_VALUE : t.readyNanos).max()
                .orElse(0);
        phase.allReadyMs = lastReady == Long.MAX_VALUE ? Double.NaN : (lastReady - start) / 1e6;
        return finish(phase);
    }

    private static long deadline(int seconds) {
        return Math.min(System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds), budgetNanos);
    }

    private Phase finish(Phase phase) throws InterruptedException {
        phase.converged = Instant.now();
        phase.late = (int) phase.targets.stream().filter(t -> t.readyNanos < 0).count();
        log(phase.name + ": " + (phase.targets.size() - phase.late) + "/" + phase.targets.size() + " ready; fields "
                + Stats.of(phase.fieldsMs()) + "; ready " + Stats.of(phase.readyMs()));
        Thread.sleep(SETTLE.toMillis());
        phase.to = Instant.now();
        end(phase);
        results.phases.add(phase);
        return phase;
    }

    static String name(int i) {
        return "forum-" + i;
    }

    /** The instance and its two relations, the way a user applies them: instance first, relations right after. */
    Target create(String ns, int i) {
        String name = name(i);
        Target t = convergence.start(ns, name);
        DiscourseInstance instance = new DiscourseInstance();
        instance.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(ns).build());
        instance.setSpec(new DiscourseInstanceSpec());
        DiscourseInstance created = client.resource(instance).create();

        DatabaseRelation db = new DatabaseRelation();
        db.setMetadata(new ObjectMetaBuilder().withName(name + "-db").withNamespace(ns).build());
        DatabaseRelationSpec dbSpec = new DatabaseRelationSpec();
        dbSpec.setInstanceRef(new InstanceRef(name));
        dbSpec.setSecretRef(new ConnectionSecretRef(name + "-db"));
        db.setSpec(dbSpec);
        DatabaseRelation dbCreated = client.resource(db).create();

        RedisRelation cache = new RedisRelation();
        cache.setMetadata(new ObjectMetaBuilder().withName(name + "-redis").withNamespace(ns).build());
        RedisRelationSpec redisSpec = new RedisRelationSpec();
        redisSpec.setInstanceRef(new InstanceRef(name));
        redisSpec.setHost(redis.host());
        redisSpec.setPort(redis.port());
        redisSpec.setPasswordSecretRef(new SecretKeyRef(name + "-redis", "password"));
        cache.setSpec(redisSpec);
        RedisRelation redisCreated = client.resource(cache).create();

        List<EnvVar> fromRelations = new ArrayList<>(DatabaseEnv.env(dbCreated.getSpec(), true));
        fromRelations.addAll(RedisEnv.env(redisCreated.getSpec(), redisCreated.getSpec().getHost()));
        relationEnv.put(Convergence.key(ns, name), fromRelations);
        expect(t, created);
        return t;
    }

    /** Converged means: what the instance reconciler derives from the object as stored, plus both relations' env. */
    private void expect(Target t, DiscourseInstance stored) {
        List<EnvVar> env = new ArrayList<>(InstanceEnv.build(stored));
        env.addAll(relationEnv.get(Convergence.key(t.namespace, t.name)));
        convergence.expect(t, env, Set.of(DatabaseEnv.CHECKSUM_ANNOTATION, RedisEnv.CHECKSUM_ANNOTATION),
                stored.getSpec().getReplicas(), stored.getMetadata().getGeneration());
    }

    private void namespace(String ns) {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
    }

    /** Secrets in a namespace of their own that no relation names: an operator should not pay for them. */
    static void bystanderSecrets(KubernetesClient client, int count, int kib) throws Exception {
        String ns = "bystanders";
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
                .serverSideApply();
        String payload = "x".repeat(kib * 1024);
        forEachIndex(8, count, i -> {
            client.resource(new SecretBuilder().withNewMetadata().withName("release-" + i).withNamespace(ns)
                    .endMetadata().addToStringData("release", payload).build()).create();
        });
    }

    /** The users' Secrets exist before the clock starts, like the servers they point at. */
    private void prepareSecrets(String ns, int count) throws Exception {
        results.relationSecrets += 2 * count;
        forEachIndex(8, count, i -> {
            String name = name(i);
            client.resource(new SecretBuilder().withNewMetadata().withName(name + "-db").withNamespace(ns).endMetadata()
                    .addToStringData("host", postgres.host()).addToStringData("port", Integer.toString(postgres.port()))
                    .addToStringData("dbname", DATABASE).addToStringData("user", DATABASE)
                    .addToStringData("password", DB_PASSWORD).addToStringData("sslmode", "disable").build()).create();
            client.resource(new SecretBuilder().withNewMetadata().withName(name + "-redis").withNamespace(ns)
                    .endMetadata().addToStringData("password", REDIS_PASSWORD).build()).create();
        });
    }

    /** One step of a loop run on several threads. */
    interface IndexedStep {
        void run(int i) throws Exception;
    }

    /** Runs step(0) to step(count - 1), each once, on {@code threads} threads; the first failure is thrown. */
    private static void forEachIndex(int threads, int count, IndexedStep step) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Void>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    for (int i; (i = next.getAndIncrement()) < count;) {
                        step.run(i);
                    }
                    return null;
                }));
            }
            for (Future<Void> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    void begin(Phase phase) {
        phase.connectionsBefore = serverConnections();
        phase.cpuBefore = CpuTimes.snapshot(operatorPid);
    }

    void end(Phase phase) {
        phase.connectionsAfter = serverConnections();
        phase.cpuAfter = CpuTimes.snapshot(operatorPid);
        phase.jobExitLagsMs = cluster.lags(phase.from, phase.to);
    }

    /** Sessions PostgreSQL has accepted for the app database and connections Redis has accepted, so far. */
    long[] serverConnections() {
        long sessions = -1;
        try (var c = postgres.connectAsSuperuser("postgres"); var rs = c.createStatement()
                .executeQuery("SELECT sessions FROM pg_stat_database WHERE datname = '" + DATABASE + "'")) {
            if (rs.next()) {
                sessions = rs.getLong(1);
            }
        } catch (Exception e) {
            log("cannot read pg_stat_database: " + e);
        }
        long connections = -1;
        try {
            String info = redis.command("INFO", "stats");
            connections = Machine.kb(info.replace("\r", ""), "total_connections_received").orElse(-1L);
        } catch (Exception e) {
            log("cannot read Redis INFO: " + e);
        }
        return new long[] { sessions, connections };
    }

    static String metrics(KubernetesClient client) {
        return client.raw(client.getMasterUrl().toString().replaceAll("/$", "") + "/metrics");
    }

    static Map<String, Double> byVerb(String metrics) {
        return PromText.sumBy(PromText.samples(metrics, "apiserver_request_total"), "verb", "resource", "subresource");
    }

    private static String serverVersion(PostgresServer pg) {
        try (var c = pg.connectAsSuperuser("postgres"); var rs = c.createStatement().executeQuery("SHOW server_version")) {
            rs.next();
            return rs.getString(1);
        } catch (Exception e) {
            return "?";
        }
    }

    private static String redisVersion(RedisServer redis) {
        return MachineLine.command("/usr/bin/redis-server", "--version").strip().replaceAll(".*v=([0-9.]+).*", "$1");
    }

    static void log(String message) {
        System.out.printf("bench %s %s%n", java.time.LocalTime.now().withNano(0), message);
    }

    /** One measured step of the run and the wall-clock window its API requests are counted in. */
    static final class Phase {
        final String name;
        final int instances;
        final Instant from;
        Instant started;
        Instant converged;
        Instant to;
        final List<Target> targets = java.util.Collections.synchronizedList(new ArrayList<>());
        double createdMs = Double.NaN;
        double allFieldsMs = Double.NaN;
        double allReadyMs = Double.NaN;
        int late;
        Map<String, Double> apiserverRequests = new LinkedHashMap<>();
        Map<String, Double> cpuBefore = Map.of();
        Map<String, Double> cpuAfter = Map.of();
        List<Double> jobExitLagsMs = List.of();
        long[] connectionsBefore = { -1, -1 };
        long[] connectionsAfter = { -1, -1 };

        /** PostgreSQL sessions and Redis connections opened during the phase (the benchmark's own reads excluded). */
        long[] connections() {
            // each serverConnections() opens one session on "postgres" (not counted: another database) and one
            // Redis connection, which is counted
            return new long[] { connectionsAfter[0] - connectionsBefore[0], connectionsAfter[1] - connectionsBefore[1] - 1 };
        }

        Phase(String name, int instances, Instant from) {
            this.name = name;
            this.instances = instances;
            this.from = from;
        }

        List<Double> fieldsMs() {
            synchronized (targets) {
                return targets.stream().map(Target::fieldsMs).filter(d -> !d.isNaN()).toList();
            }
        }

        List<Double> readyMs() {
            synchronized (targets) {
                return targets.stream().map(Target::readyMs).filter(d -> !d.isNaN()).toList();
            }
        }
    }
}
