package dev.operator.discourse.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.operator.discourse.testsupport.OperatorProcess;

import dev.operator.discourse.bench.AuditRequest.Source;
import dev.operator.discourse.bench.BenchmarkMain.Phase;
import io.fabric8.kubernetes.api.model.Event;

/** Everything a run measured, written as benchmark/results/latest.md plus the raw numbers as CSV. */
final class Results {

    static final List<String> VERBS = List.of("get", "list", "watch", "create", "update", "patch", "delete");

    final Path out;
    String machine;
    /** Secrets no relation names, made before the operator starts, and how many the relations name. */
    int bystanderSecrets;
    /**
     * The operator's JVM sized as the chart sizes it: its memory limit (512Mi) is all the JVM sees, and the UBI
     * image's run-java.sh gives the heap 80% of that. {@code bench.operatorJvm} overrides it (empty: the JVM's
     * defaults on this machine).
     */
    List<String> operatorJvm = operatorJvm(System.getProperty("bench.operatorJvm",
            "-XX:MaxRAM=512m -XX:MaxRAMPercentage=80"));
    int bystanderSecretKiB;
    int relationSecrets;
    String servers;
    long startToReadyMs = -1;
    final List<String[]> rss = new ArrayList<>();
    final List<Phase> phases = new ArrayList<>();
    /** Measured before the operator started (Floor); empty when the run measured none. */
    List<FloorPhase> floor = List.of();
    List<Event> events = List.of();
    AuditLog audit;
    List<String> operatorLog = List.of();
    String operatorMetrics = "";
    String histogram = "";
    Integer operatorExit;
    long jobExits;
    long jobExitFailures;
    double totalSeconds;
    String error;

    Results(Path out) {
        this.out = out;
    }

    /** RSS and its peak from /proc, heap used and committed from the operator's own JVM metrics. */
    void rss(String when, int instances, OperatorProcess operator) {
        long[] rssAndPeak = Machine.rssAndPeakKb(operator.pid());
        String metrics = operator.metrics();
        long heapUsed = Math.round(PromText.sumBy(PromText.samples(metrics, "jvm_memory_used_bytes"), "area")
                .getOrDefault("heap", -1024.0) / 1024);
        long heapCommitted = Math.round(PromText.sumBy(PromText.samples(metrics, "jvm_memory_committed_bytes"), "area")
                .getOrDefault("heap", -1024.0) / 1024);
        rss.add(new String[] { when, Integer.toString(instances), Long.toString(rssAndPeak[0]),
                Long.toString(rssAndPeak[1]), Long.toString(heapUsed), Long.toString(heapCommitted) });
        BenchmarkMain.log("RSS " + when + ": " + rssAndPeak[0] / 1024 + " MiB (peak " + rssAndPeak[1] / 1024
                + " MiB), heap used " + heapUsed / 1024 + " MiB of " + heapCommitted / 1024 + " MiB committed");
    }

    private List<Phase> measured() {
        return phases.stream().filter(p -> p.instances > 0).toList();
    }

    private Phase phase(String name) {
        return phases.stream().filter(p -> p.name.equals(name)).findFirst().orElse(null);
    }

    private List<AuditRequest> operator(Phase p) {
        return audit.of(Source.OPERATOR, p.from, p.to);
    }

    String summary() {
        StringBuilder s = new StringBuilder();
        s.append(latencyTable()).append('\n').append(throughputTable()).append('\n').append(costTable()).append('\n')
                .append(idleTable()).append('\n').append(footprintTable());
        if (!floor.isEmpty()) {
            s.append('\n').append(FloorReport.ratios(floor, operatorSide())).append('\n')
                    .append(String.join("\n", FloorReport.goals(floor, operatorSide()))).append('\n');
        }
        return s.toString();
    }

    void write() throws IOException {
        Files.createDirectories(out);
        Files.writeString(out.resolve("latest.md"), markdown());
        writeLatencies();
        writeRequests();
        Files.writeString(out.resolve("latest-floor.csv"), FloorReport.csv(floor));
    }

    /** What the floor is compared with: the latency phase's ready times and each N's time until all were ready. */
    FloorReport.Operator operatorSide() {
        Phase latency = phase("latency");
        Map<Integer, FloorReport.Batch> batches = new LinkedHashMap<>();
        for (Phase p : measured()) {
            if (p.name.startsWith("N=")) {
                batches.put(p.instances, new FloorReport.Batch(p.allReadyMs, p.late));
            }
        }
        return new FloorReport.Operator(latency == null ? List.of() : latency.readyMs(),
                latency == null ? 0 : latency.late, batches);
    }

    private String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmark results\n\n");
        md.append("Produced by `scripts/benchmark.sh` (`dev.operator.discourse.bench.BenchmarkMain`); do not edit by hand.\n\n");
        md.append("- Machine: ").append(machine).append('\n');
        md.append("- Servers: ").append(servers).append(", all on loopback\n");
        md.append("- Operator: `target/packaged-operator/quarkus-run.jar` as its own process, `java -jar` with "
                + (operatorJvm.isEmpty() ? "the JVM's defaults" : "`" + String.join(" ", operatorJvm)
                        + "` (the chart's 512Mi memory limit, the heap at 80% of it as the UBI image's run-java.sh sets)")
                + "\n");
        md.append(String.format(Locale.ROOT, "- Whole run: %.0f s%n", totalSeconds));
        md.append("- Noise: the operator, the API server, etcd, the servers and the benchmark share these cores, and "
                + "anything else running adds to it (see the load average above); compare runs made on equally quiet "
                + "machines.\n");
        if (error != null) {
            md.append("- **The run failed**: ").append(error).append('\n');
        }
        if (operatorExit != null) {
            md.append("- **The operator exited early** with status ").append(operatorExit).append('\n');
        }
        md.append("\n## Definitions\n\n");
        md.append("""
                - **fields**: the StatefulSet's `discourse` container carries every expected env entry (those the \
                instance reconciler derives from the instance as stored, plus the DatabaseRelation's and the \
                RedisRelation's, compared by value or Secret reference) and the pod template carries both relations' \
                checksum annotations.
                - **ready** (converged): *fields*, plus `spec.replicas` as asked (1), plus the instance's status written \
                for its current generation with `phase: Ready` and condition `Ready=True`. On the way the operator ran \
                the pre- and post-deployment migration Jobs and rolled the StatefulSet out.
                - Clocks start just before the request that creates the instance (its Secrets already exist; the two \
                relations are created right after it) or that patches the spec (`unicornWorkers` 3 -> 4), and stop when \
                the benchmark's watch delivers the object that shows the state.
                - The control plane is real: the Job and StatefulSet controllers, the scheduler, and kwok's simulated \
                nodes, whose pods start at once and are ready at once. The benchmark only ends each migration Job's \
                process (exit 0) as soon as kwok runs it. Its own requests and the control plane's are told apart from \
                the operator's by user agent in the API server's audit log.
                - Latency phase: instances created one at a time, each waited for, so no queue is measured. \
                Throughput: N instances created by 8 client threads, timed until the last is ready.
                - API cost: the operator's requests from the start of a phase until 3 s after its last instance \
                converged, from the audit log; a `watch` counts when it ends (a re-watch), which is how the API server audits it.
                - **Floor**: before the operator starts, a plain client (the benchmark) creates what the operator \
                creates for a forum, in its order, through the same controllers: the pre-deployment Job (and the \
                secret_key_base Secret, the uploads claim and the two Services); once the Job succeeded, the \
                StatefulSet at 1 replica; once that is rolled out and its pod ready, the post-deployment Job. Its \
                *ready* is that Job's success as the benchmark's watch delivers it. One forum at a time, and N at \
                once from 8 client threads, each in a `floor-` namespace; the objects are the product's builders' \
                with `app.kubernetes.io/managed-by` changed and no owner references, so the operator never sees them.
                """);
        md.append("\n## Goals of issue #15\n\n").append(goalsTable());
        if (!floor.isEmpty()) {
            md.append('\n').append(String.join("\n", FloorReport.goals(floor, operatorSide()))).append('\n');
        }
        md.append("\n## Latency (ms)\n\n").append(latencyTable());
        md.append("\nWhat the operator's own 409 conflicts on `discourseinstances/status` cost in time (JOSDK retries a "
                + "failed reconcile after 2 s unless another event comes first):\n\n").append(conflictCostTable());
        md.append("\n## Throughput\n\n").append(throughputTable());
        md.append("\n## Floor: the same objects through the same controllers, no operator\n\n")
                .append(FloorReport.section(floor, operatorSide()));
        md.append("\n## API cost per converged instance (operator's requests only)\n\n").append(costTable());
        md.append(detailTable());
        md.append("\n## CPU time per phase (s, all processes of the run)\n\n").append(cpuTable());
        md.append("\n## Idle\n\n").append(idleTable());
        md.append("\n## Footprint\n\n").append(footprintTable());
        md.append("\n## Waste\n\n").append(wasteSection());
        md.append("\n## Cross-check: apiserver_request_total (all clients)\n\n").append(crossCheckTable());
        return md.toString();
    }

    static final double HEAP_GOAL_MIB = 0.2;
    static final double RSS_GOAL_MIB = 512;
    static final int COPIES_GOAL = 2;
    static final double REQUESTS_GOAL = 12;

    /** The footprint and request goals, each with what this run measured. */
    String goalsTable() {
        MarkdownTable t = new MarkdownTable("goal", "measured", "met");
        int instances = rss.stream().mapToInt(r -> Integer.parseInt(r[1])).max().orElse(0);
        long live = Histogram.totalBytes(histogram);
        if (live > 0 && instances > 0) {
            double perInstance = live / 1048576.0 / instances;
            t.row("live heap ≤ " + HEAP_GOAL_MIB + " MiB per instance with its relations", String.format(Locale.ROOT,
                    "%.2f MiB (%.0f MiB after a full GC, %d instances)", perInstance, live / 1048576.0, instances),
                    perInstance <= HEAP_GOAL_MIB ? "yes" : "no");
        }
        long peak = rss.stream().filter(r -> !r[3].isEmpty()).mapToLong(r -> Long.parseLong(r[3])).max().orElse(-1);
        if (peak > 0) {
            t.row("RSS ≤ " + (int) RSS_GOAL_MIB + " MiB with " + instances + " instances"
                    + (operatorJvm.isEmpty() ? " (JVM defaults: not the chart's heap)" : ", the chart's heap"),
                    peak / 1024 + " MiB at its peak", peak / 1024.0 <= RSS_GOAL_MIB ? "yes" : "no");
        }
        if (!phases.isEmpty()) {
            Map<String, Long> lists = AuditLog.count(audit.of(Source.OPERATOR, Instant.EPOCH, phases.get(0).from),
                    r -> r.verb().equals("list") && !r.target().equals("customresourcedefinitions"), AuditRequest::target);
            var most = lists.entrySet().stream().max(Map.Entry.comparingByValue());
            most.ifPresent(m -> t.row("no kind cached more than " + COPIES_GOAL + " times",
                    "at most " + m.getValue() + " (" + m.getKey() + "), from the LISTs at start", m.getValue() <= COPIES_GOAL
                            ? "yes" : "no"));
        }
        measured().stream().filter(p -> p.name.startsWith("N=")).max((a, b) -> Integer.compare(a.instances, b.instances))
                .ifPresent(p -> {
                    double per = operator(p).size() / (double) p.instances;
                    t.row("≤ " + (int) REQUESTS_GOAL + " operator requests per converged instance", String.format(
                            Locale.ROOT, "%.1f in %s", per, p.name), per <= REQUESTS_GOAL ? "yes" : "no");
                });
        return t.render();
    }

    private String latencyTable() {
        MarkdownTable t = new MarkdownTable("measure", "n", "median", "p90", "p99", "max");
        Phase latency = phase("latency");
        Phase edit = phase("edit");
        if (latency != null) {
            statsRow(t, "create -> fields", Stats.of(latency.fieldsMs()));
            statsRow(t, "create -> ready", Stats.of(latency.readyMs()));
        }
        if (edit != null) {
            statsRow(t, "spec edit -> patched pod template", Stats.of(edit.fieldsMs()));
            statsRow(t, "spec edit -> ready again", Stats.of(edit.readyMs()));
        }
        for (Phase p : measured()) {
            if (p.name.startsWith("N=")) {
                statsRow(t, "create -> ready within " + p.name, Stats.of(p.readyMs()));
            }
        }
        return t.render();
    }

    /**
     * The ready latency of instances whose status patch was refused with 409 during the phase, against the
     * others': what the conflicts cost in time, not only in requests.
     */
    private String conflictCostTable() {
        MarkdownTable t = new MarkdownTable("phase", "instances", "with a 409 on their status patch", "median ready (ms)",
                "p90", "without", "median ready (ms)", "p90");
        boolean any = false;
        for (Phase p : measured()) {
            Set<String> conflicted = new HashSet<>();
            operator(p).stream().filter(r -> r.code() == 409 && r.target().equals("discourseinstances/status"))
                    .forEach(r -> conflicted.add(Convergence.key(r.namespace(), r.name())));
            List<Double> with = new ArrayList<>();
            List<Double> without = new ArrayList<>();
            synchronized (p.targets) {
                for (var target : p.targets) {
                    if (!Double.isNaN(target.readyMs())) {
                        (conflicted.contains(Convergence.key(target.namespace, target.name)) ? with : without)
                                .add(target.readyMs());
                    }
                }
            }
            Stats w = Stats.of(with);
            Stats wo = Stats.of(without);
            t.row(p.name, p.instances, w.count(), ms(w.p50()), ms(w.p90()), wo.count(), ms(wo.p50()), ms(wo.p90()));
            any = true;
        }
        return any ? t.render() : "";
    }

    private static void statsRow(MarkdownTable t, String name, Stats s) {
        t.row(name, s.count(), ms(s.p50()), ms(s.p90()), ms(s.p99()), ms(s.max()));
    }

    private String throughputTable() {
        MarkdownTable t = new MarkdownTable("N", "creates sent (s)", "all fields (s)", "all ready (s)", "per instance (ms)",
                "instances/s", "growth exponent", "not ready");
        Phase previous = null;
        for (Phase p : measured()) {
            if (!p.name.startsWith("N=")) {
                continue;
            }
            String growth = previous == null || Double.isNaN(p.allReadyMs) || Double.isNaN(previous.allReadyMs) ? "-"
                    : String.format(Locale.ROOT, "%.2f (vs N=%d)",
                            Machine.growthExponent(previous.instances, previous.allReadyMs, p.instances, p.allReadyMs),
                            previous.instances);
            t.row(p.instances, sec(p.createdMs), sec(p.allFieldsMs), sec(p.allReadyMs), ms(p.allReadyMs / p.instances),
                    String.format(Locale.ROOT, "%.1f", p.instances / (p.allReadyMs / 1000)), growth, p.late);
            previous = p;
        }
        return t.render();
    }

    private String costTable() {
        List<Phase> ps = measured();
        List<String> headers = new ArrayList<>(List.of("verb"));
        ps.forEach(p -> headers.add(p.name + " (" + p.instances + ")"));
        MarkdownTable t = new MarkdownTable(headers.toArray(String[]::new));
        Map<Phase, Map<String, Long>> byVerb = new LinkedHashMap<>();
        ps.forEach(p -> byVerb.put(p, AuditLog.count(operator(p), AuditRequest::verb)));
        TreeSet<String> verbs = new TreeSet<>(VERBS);
        byVerb.values().forEach(m -> verbs.addAll(m.keySet()));
        for (String verb : VERBS.stream().filter(verbs::contains).toList()) {
            List<Object> row = new ArrayList<>(List.of(verb));
            ps.forEach(p -> row.add(per(byVerb.get(p).getOrDefault(verb, 0L), p.instances)));
            t.row(row.toArray());
        }
        List<Object> writes = new ArrayList<>(List.of("**all writes**"));
        List<Object> total = new ArrayList<>(List.of("**all requests**"));
        for (Phase p : ps) {
            List<AuditRequest> rs = operator(p);
            writes.add(per(rs.stream().filter(AuditRequest::write).count(), p.instances));
            total.add(per(rs.size(), p.instances));
        }
        t.row(writes.toArray());
        t.row(total.toArray());
        List<Object> pg = new ArrayList<>(List.of("PostgreSQL sessions"));
        List<Object> rd = new ArrayList<>(List.of("Redis connections"));
        for (Phase p : ps) {
            pg.add(per(p.connections()[0], p.instances));
            rd.add(per(p.connections()[1], p.instances));
        }
        t.row(pg.toArray());
        t.row(rd.toArray());
        return t.render();
    }

    private String detailTable() {
        Phase largest = measured().stream().filter(p -> p.name.startsWith("N="))
                .max((a, b) -> Integer.compare(a.instances, b.instances)).orElse(null);
        if (largest == null) {
            return "";
        }
        MarkdownTable t = new MarkdownTable("verb", "resource", "codes", "requests", "per instance");
        Map<String, Long> counts = AuditLog.count(operator(largest), r -> r.verb() + " " + r.target());
        Map<String, Map<Integer, Long>> codes = new TreeMap<>();
        operator(largest).forEach(r -> codes.computeIfAbsent(r.verb() + " " + r.target(), k -> new TreeMap<>())
                .merge(r.code(), 1L, Long::sum));
        counts.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).forEach(e -> {
            String[] vr = e.getKey().split(" ", 2);
            t.row(vr[0], vr[1], codes.get(e.getKey()).toString().replace("{", "").replace("}", ""), e.getValue(),
                    per(e.getValue(), largest.instances));
        });
        return "\nBy resource for " + largest.name + " (codes: HTTP status=count):\n\n" + t.render();
    }

    /** Who used the shared cores in each phase, and the lag of the Job exits the benchmark writes (it must not be the bottleneck). */
    private String cpuTable() {
        List<String> names = new ArrayList<>(List.of("operator", "kube-apiserver", "etcd", "kube-controller-manager",
                "kube-scheduler", "kwok", "redis", "benchmark"));
        List<String> headers = new ArrayList<>(List.of("phase", "wall"));
        headers.addAll(names);
        headers.addAll(List.of("operator per instance (ms)", "Job exit lag median/p99/max (ms)"));
        MarkdownTable t = new MarkdownTable(headers.toArray(String[]::new));
        for (Phase p : phases) {
            List<Object> row = new ArrayList<>(List.of(p.name, String.format(Locale.ROOT, "%.1f",
                    Duration.between(p.from, p.to).toMillis() / 1000.0)));
            for (String name : names) {
                row.add(String.format(Locale.ROOT, "%.1f", cpu(p, name)));
            }
            row.add(p.instances == 0 ? "-" : ms(cpu(p, "operator") * 1000 / p.instances));
            Stats lag = Stats.of(p.jobExitLagsMs);
            row.add(lag.count() == 0 ? "-" : ms(lag.p50()) + " / " + ms(lag.p99()) + " / " + ms(lag.max()));
            t.row(row.toArray());
        }
        return "Measured from the start of each phase's own work (after its Secrets were created) to 3 s after it "
                + "converged; wall is the whole window.\n\n" + t.render();
    }

    private static double cpu(Phase p, String name) {
        return p.cpuAfter.getOrDefault(name, 0.0) - p.cpuBefore.getOrDefault(name, 0.0);
    }

    private String idleTable() {
        Phase idle = phase("idle");
        if (idle == null) {
            return "(no idle phase)\n";
        }
        double minutes = Duration.between(idle.from, idle.to).toMillis() / 60000.0;
        MarkdownTable t = new MarkdownTable("client", "window (s)", "writes", "writes/min", "reads/min", "write kinds");
        for (Source source : List.of(Source.OPERATOR, Source.BENCHMARK, Source.CONTROLLERS)) {
            List<AuditRequest> rs = audit.of(source, idle.from, idle.to);
            long writes = rs.stream().filter(AuditRequest::write).count();
            t.row(source.name().toLowerCase(), String.format(Locale.ROOT, "%.0f", minutes * 60), writes,
                    String.format(Locale.ROOT, "%.1f", writes / minutes),
                    String.format(Locale.ROOT, "%.1f", (rs.size() - writes) / minutes),
                    AuditLog.count(rs, AuditRequest::write, r -> r.verb() + " " + r.target()).toString());
        }
        int instances = measured().stream().filter(p -> !p.name.equals("edit")).mapToInt(p -> p.instances).sum();
        long[] connections = idle.connections();
        return "With " + instances + " converged instances present:\n\n" + t.render()
                + String.format(Locale.ROOT, "%nServer checks meanwhile: %d PostgreSQL sessions, %d Redis connections. "
                        + "The relations' periodic recheck (maxReconciliationInterval, 5 min) is longer than this window.%n",
                        connections[0], connections[1]);
    }

    private String footprintTable() {
        MarkdownTable t = new MarkdownTable("when", "instances", "RSS (MiB)", "peak RSS (MiB)", "heap used (MiB)",
                "heap committed (MiB)");
        for (String[] r : rss) {
            t.row(r[0], r[1], Long.parseLong(r[2]) / 1024, Long.parseLong(r[3]) / 1024, Long.parseLong(r[4]) / 1024,
                    Long.parseLong(r[5]) / 1024);
        }
        MarkdownTable h = new MarkdownTable("class", "live objects", "MiB");
        Histogram.top(histogram, 12).forEach(r -> h.row(r.className(), r.instances(),
                String.format(Locale.ROOT, "%.1f", r.bytes() / 1048576.0)));
        long live = Histogram.totalBytes(histogram);
        String informers = phases.isEmpty() ? "" : "\nLISTs the operator sent before the first phase, by resource "
                + "(one per informer as it starts, so each is a cached copy of every such object): "
                + AuditLog.count(audit.of(Source.OPERATOR, Instant.EPOCH, phases.get(0).from),
                        r -> r.verb().equals("list"), r -> r.target() + (r.selective() ? " (by label)" : " (all)"))
                + ". An informer on `(all)` caches every object of that kind in the cluster, not only the operator's.\n";
        String secrets = histogram.isEmpty() ? "" : String.format(Locale.ROOT, "%nSecrets alive in the operator "
                + "after that full GC: %d objects. The relations named %d Secrets; %d bystander Secrets of %d KiB each, "
                + "which nothing names (as Helm's release Secrets), existed from before the operator started.%n",
                Histogram.instancesOf(histogram, "io.fabric8.kubernetes.api.model.Secret"), relationSecrets,
                bystanderSecrets, bystanderSecretKiB);
        return "Operator start to ready (`/q/health/ready` answering 200, from process start): " + startToReadyMs
                + " ms. " + (operatorJvm.isEmpty() ? "The operator runs with the JVM's default heap limit (a quarter of "
                        + "this machine's memory), so the heap grows well past what is live before collecting."
                        : "The operator's JVM sees " + String.join(" ", operatorJvm) + ", as in the chart's pod.")
                + "\n\n" + t.render()
                + (live < 0 ? "" : String.format(Locale.ROOT, "%nLive heap after a full GC at the end: %.0f MiB; its "
                        + "largest classes:%n%n", live / 1048576.0) + h.render()) + secrets + informers;
    }

    private String wasteSection() {
        StringBuilder s = new StringBuilder();
        MarkdownTable errors = new MarkdownTable("phase", "verb", "resource", "code", "requests");
        List<Phase> all = new ArrayList<>(phases);
        for (Phase p : all) {
            AuditLog.count(operator(p), r -> r.code() >= 400, r -> r.verb() + " " + r.target() + " " + r.code())
                    .forEach((k, v) -> {
                        String[] parts = k.split(" ");
                        errors.row(p.name, parts[0], parts[1], parts[2], v);
                    });
        }
        s.append("Operator requests answered with an error (409 = conflict, retried or wasted):\n\n")
                .append(errors.render());
        MarkdownTable ev = new MarkdownTable("type", "reason", "object kind", "events", "count (sum of event.count)",
                "example message");
        Map<String, long[]> byReason = new TreeMap<>();
        Map<String, String> example = new LinkedHashMap<>();
        for (Event e : events) {
            String key = e.getType() + "\u0000" + e.getReason() + "\u0000" + e.getInvolvedObject().getKind();
            long[] c = byReason.computeIfAbsent(key, k -> new long[2]);
            c[0]++;
            c[1] += e.getCount() == null ? 1 : e.getCount();
            example.putIfAbsent(key, e.getMessage() == null ? "" : abbreviate(e.getMessage(), 100));
        }
        byReason.forEach((k, c) -> {
            String[] parts = k.split("\u0000");
            ev.row(parts[0], parts[1], parts[2], c[0], c[1], example.get(k));
        });
        s.append("\nEvents in the benchmark namespaces at the end of the run:\n\n").append(ev.render());
        Map<String, Long> logLines = new TreeMap<>();
        Pattern level = Pattern.compile("^\\S+ \\S+ (WARN|ERROR)\\s+\\[([^\\]]*)\\][^)]*\\)\\s*(.*)$");
        for (String line : operatorLog) {
            Matcher m = level.matcher(line);
            if (m.matches()) {
                String message = m.group(3).replaceAll("bench-[a-z0-9-]+/forum-\\d+(-db|-redis)?", "<ns>/<name>")
                        .replaceAll("forum-\\d+", "<name>").replaceAll("\\d+", "N");
                logLines.merge(m.group(1) + " [" + m.group(2) + "] " + abbreviate(message, 140), 1L, Long::sum);
            }
        }
        MarkdownTable logs = new MarkdownTable("operator log line (numbers and names folded)", "lines");
        logLines.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(15)
                .forEach(e -> logs.row(e.getKey(), e.getValue()));
        s.append("\nOperator WARN/ERROR log lines (whole run):\n\n").append(logs.render());
        s.append(String.format(Locale.ROOT, "%nThe benchmark ended the processes of %d migration Jobs' pods "
                + "(%d failures); the real controllers did the rest.%n", jobExits, jobExitFailures));
        MarkdownTable reconciles = new MarkdownTable("kind", "reconciliations started", "failed", "per resource");
        Map<String, Double> started = PromText.sumBy(
                PromText.samples(operatorMetrics, "operator_sdk_reconciliations_started_total"), "kind");
        Map<String, Double> failed = PromText.sumBy(
                PromText.samples(operatorMetrics, "operator_sdk_reconciliations_failed_total"), "kind");
        Map<String, Long> resources = new TreeMap<>();
        PromText.samples(operatorMetrics, "operator_sdk_reconciliations_started_total").keySet()
                .stream().map(labels -> labels.get("kind") + "\u0000" + labels.get("namespace") + "/" + labels.get("name"))
                .distinct().forEach(k -> resources.merge(k.substring(0, k.indexOf('\u0000')), 1L, Long::sum));
        started.forEach((kind, n) -> reconciles.row(kind, Math.round(n), Math.round(failed.getOrDefault(kind, 0.0)),
                String.format(Locale.ROOT, "%.1f", n / resources.getOrDefault(kind, 1L))));
        if (!started.isEmpty()) {
            s.append("\nReconciliations over the whole run, from the operator's /q/metrics (one series per resource):\n\n")
                    .append(reconciles.render());
        }
        return s.toString();
    }

    private String crossCheckTable() {
        Phase largest = measured().stream().filter(p -> p.name.startsWith("N="))
                .max((a, b) -> Integer.compare(a.instances, b.instances)).orElse(null);
        if (largest == null) {
            return "";
        }
        // The metric names verbs by HTTP method (APPLY for server-side apply); the audit log by Kubernetes verb.
        Map<String, String> auditVerb = Map.of("GET", "get", "LIST", "list", "WATCH", "watch", "POST", "create",
                "PUT", "update", "PATCH", "patch", "APPLY", "patch", "DELETE", "delete");
        Map<String, Double> byVerb = new TreeMap<>();
        Map<String, List<String>> methods = new TreeMap<>();
        largest.apiserverRequests.forEach((k, v) -> {
            String method = k.split(" ")[0];
            String verb = auditVerb.getOrDefault(method, method.toLowerCase(Locale.ROOT));
            byVerb.merge(verb, v, Double::sum);
            if (!methods.computeIfAbsent(verb, x -> new ArrayList<>()).contains(method)) {
                methods.get(verb).add(method);
            }
        });
        MarkdownTable t = new MarkdownTable("verb", "metric methods", "apiserver_request_total diff", "audit: operator",
                "audit: benchmark", "audit: apiserver itself", "audit: controllers, scheduler, kwok");
        for (Map.Entry<String, Double> e : byVerb.entrySet()) {
            String verb = e.getKey();
            t.row(verb, String.join("+", methods.get(verb)), Math.round(e.getValue()),
                    countVerb(Source.OPERATOR, largest, verb), countVerb(Source.BENCHMARK, largest, verb),
                    countVerb(Source.APISERVER, largest, verb), countVerb(Source.CONTROLLERS, largest, verb));
        }
        return "For " + largest.name + ", from the scrape before to the scrape after the phase (the audit columns "
                + "count the same window by client):\n\n" + t.render();
    }

    private long countVerb(Source source, Phase p, String verb) {
        return audit.of(source, p.from, p.to).stream().filter(r -> r.verb().equals(verb)).count();
    }

    private void writeLatencies() throws IOException {
        StringBuilder csv = new StringBuilder("phase,namespace,instance,fields_ms,ready_ms\n");
        for (Phase p : phases) {
            synchronized (p.targets) {
                for (var t : p.targets) {
                    csv.append(String.format(Locale.ROOT, "%s,%s,%s,%.1f,%.1f%n", p.name, t.namespace, t.name,
                            t.fieldsMs(), t.readyMs()));
                }
            }
        }
        Files.writeString(out.resolve("latest-latencies.csv"), csv);
    }

    private void writeRequests() throws IOException {
        StringBuilder csv = new StringBuilder("phase,from,to,instances,source,verb,resource,code,requests\n");
        for (Phase p : phases) {
            for (Source source : Source.values()) {
                AuditLog.count(audit.of(source, p.from, p.to), r -> r.verb() + "," + r.target() + "," + r.code())
                        .forEach((k, v) -> csv.append(String.join(",", p.name, p.from.toString(), p.to.toString(),
                                Integer.toString(p.instances), source.name().toLowerCase(), k, Long.toString(v)))
                                .append('\n'));
            }
            p.apiserverRequests.forEach((k, v) -> {
                String[] parts = k.split(" ");
                csv.append(String.join(",", p.name, p.from.toString(), p.to.toString(), Integer.toString(p.instances),
                        "apiserver_request_total", parts[0], parts[2].equals("-") ? parts[1] : parts[1] + "/" + parts[2],
                        "all", Long.toString(Math.round(v)))).append('\n');
            });
        }
        StringBuilder footprint = new StringBuilder("when,instances,rss_kb,peak_rss_kb,heap_used_kb,heap_committed_kb\n");
        footprint.append("start_to_ready_ms,0,").append(startToReadyMs).append(",,,\n");
        rss.forEach(r -> footprint.append(String.join(",", r)).append('\n'));
        Files.writeString(out.resolve("latest-requests.csv"), csv);
        Files.writeString(out.resolve("latest-footprint.csv"), footprint);
    }

    static String ms(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.0f", v);
    }

    static String sec(double ms) {
        return Double.isNaN(ms) ? "-" : String.format(Locale.ROOT, "%.1f", ms / 1000);
    }

    static String per(long count, int instances) {
        return String.format(Locale.ROOT, "%.2f", (double) count / instances);
    }

    static String abbreviate(String s, int max) {
        String one = s.replace('\n', ' ');
        return one.length() <= max ? one : one.substring(0, max - 1) + "…";
    }

    static Instant now() {
        return Instant.now();
    }

    static List<String> operatorJvm(String options) {
        return options.isBlank() ? List.of() : List.of(options.trim().split("\\s+"));
    }
}
