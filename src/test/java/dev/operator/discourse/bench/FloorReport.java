package dev.operator.discourse.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The floor's figures, the operator's as ratios to them, and the time goals of issue #15 said met or not. A forum
 * that was not ready counts as slower than every ready one, so a run that stopped converging cannot meet a goal
 * by leaving its slowest out.
 */
final class FloorReport {

    static final double LATENCY_GOAL = 1.3;
    static final double THROUGHPUT_GOAL = 1.5;
    static final int THROUGHPUT_GOAL_N = 500;

    /** The operator's side: the latency phase's ready times and how many were not ready, and each N's batch. */
    record Operator(List<Double> latencyReadyMs, int latencyNotReady, Map<Integer, Batch> batches) {
    }

    /** allReadyMs is NaN when notReady > 0. */
    record Batch(double allReadyMs, int notReady) {
    }

    private FloorReport() {
    }

    static String section(List<FloorPhase> floor, Operator operator) {
        if (floor.isEmpty()) {
            return "(no floor measured in this run)\n";
        }
        return distributions(floor) + "\n" + throughput(floor) + "\nAgainst the floor:\n\n" + ratios(floor, operator)
                + "\n" + String.join("\n", goals(floor, operator)) + "\n";
    }

    static String distributions(List<FloorPhase> floor) {
        MarkdownTable t = new MarkdownTable("measure (ms)", "n", "not ready", "median", "p90", "p99", "max");
        for (FloorPhase p : floor) {
            if (!p.isBatch()) {
                row(t, "floor create -> pre-deployment Job succeeded", p.preDoneMs(), "-");
                row(t, "floor create -> rolled out, pod ready", p.rolledOutMs(), "-");
                row(t, "floor create -> ready (post-deployment Job succeeded)", p.readyMs(), notReady(p));
            } else {
                row(t, "floor create -> ready within " + p.name, p.readyMs(), notReady(p));
            }
        }
        return t.render();
    }

    private static String notReady(FloorPhase p) {
        int unstarted = p.instances - p.forums.size();
        return p.late() + (unstarted > 0 ? " (" + unstarted + " not started: bound spent)" : "");
    }

    private static void row(MarkdownTable t, String name, List<Double> values, String notReady) {
        Stats s = Stats.of(values);
        t.row(name, s.count(), notReady, Results.ms(s.p50()), Results.ms(s.p90()), Results.ms(s.p99()),
                Results.ms(s.max()));
    }

    static String throughput(List<FloorPhase> floor) {
        MarkdownTable t = new MarkdownTable("floor N", "creates sent (s)", "all ready (s)", "per instance (ms)",
                "instances/s", "not ready", "Job exit lag median/p99/max (ms)");
        for (FloorPhase p : floor) {
            if (p.isBatch()) {
                Stats lag = Stats.of(p.jobExitLagsMs);
                t.row(p.instances, Results.sec(p.createdMs), Results.sec(p.allReadyMs),
                        Results.ms(p.allReadyMs / p.instances), Double.isNaN(p.allReadyMs) ? "-"
                                : String.format(Locale.ROOT, "%.1f", p.instances / (p.allReadyMs / 1000)),
                        p.late(), lag.count() == 0 ? "-"
                                : Results.ms(lag.p50()) + " / " + Results.ms(lag.p99()) + " / " + Results.ms(lag.max()));
            }
        }
        return t.render();
    }

    static String ratios(List<FloorPhase> floor, Operator operator) {
        MarkdownTable t = new MarkdownTable("measure", "operator", "floor", "operator / floor", "goal");
        latencyPhase(floor).ifPresent(f -> {
            double op = medianCountingNotReady(operator.latencyReadyMs(), operator.latencyNotReady());
            double fl = floorMedian(f);
            t.row("create -> ready, median (ms)", Results.ms(op), Results.ms(fl), ratio(op, fl),
                    "≤ " + times(LATENCY_GOAL));
        });
        for (FloorPhase f : floor) {
            if (f.isBatch()) {
                Batch b = operator.batches().get(f.instances);
                double op = b == null ? Double.NaN : b.allReadyMs();
                t.row(f.name + ", all ready (s)", Results.sec(op), Results.sec(f.allReadyMs), ratio(op, f.allReadyMs),
                        f.instances == THROUGHPUT_GOAL_N ? "≤ " + times(THROUGHPUT_GOAL) : "-");
            }
        }
        return t.render();
    }

    /** One line per time goal of issue #15: met, not met, or why this run cannot say. */
    static List<String> goals(List<FloorPhase> floor, Operator operator) {
        List<String> lines = new ArrayList<>();
        String latencyGoal = "create -> ready median ≤ " + times(LATENCY_GOAL) + " the floor's";
        Optional<FloorPhase> latency = latencyPhase(floor);
        if (latency.isEmpty()) {
            lines.add(line(latencyGoal, "not measured: no floor latency phase in this run"));
        } else {
            double op = medianCountingNotReady(operator.latencyReadyMs(), operator.latencyNotReady());
            int total = operator.latencyReadyMs().size() + operator.latencyNotReady();
            lines.add(line(latencyGoal, verdict(LATENCY_GOAL, op, floorMedian(latency.get()),
                    total == 0 ? "no operator latency phase in this run"
                            : "more than half of the operator's " + total + " instances were not ready",
                    "more than half of the floor's forums were not ready")));
        }
        String throughputGoal = THROUGHPUT_GOAL_N + " instances all ready ≤ " + times(THROUGHPUT_GOAL)
                + " the floor's time for " + THROUGHPUT_GOAL_N;
        Optional<FloorPhase> f = floor.stream().filter(p -> p.isBatch() && p.instances == THROUGHPUT_GOAL_N).findFirst();
        Batch b = operator.batches().get(THROUGHPUT_GOAL_N);
        if (f.isEmpty() || b == null) {
            lines.add(line(throughputGoal, "not measured: no N=" + THROUGHPUT_GOAL_N + " in this run"));
        } else {
            lines.add(line(throughputGoal, verdict(THROUGHPUT_GOAL, b.allReadyMs(), f.get().allReadyMs,
                    b.notReady() + " of the operator's " + THROUGHPUT_GOAL_N + " were not ready within the run's budget",
                    f.get().late() + " of the floor's " + THROUGHPUT_GOAL_N + " were not ready")));
        }
        return lines;
    }

    /**
     * An operator figure that does not exist (it did not converge) misses the goal whatever the floor; a floor
     * that does not exist leaves nothing to compare with.
     */
    static String verdict(double goal, double operator, double floor, String operatorMissing, String floorMissing) {
        if (Double.isNaN(floor) || floor <= 0) {
            return "not measured: " + floorMissing;
        }
        if (Double.isNaN(operator)) {
            return "**not met**: " + operatorMissing;
        }
        double r = operator / floor;
        return (r <= goal ? "**met**" : "**not met**") + ", " + times(r);
    }

    private static String line(String goal, String verdict) {
        return "- Goal: " + goal + ": " + verdict;
    }

    static String ratio(double operator, double floor) {
        return Double.isNaN(operator) || Double.isNaN(floor) || floor <= 0 ? "-" : times(operator / floor);
    }

    static String times(double r) {
        return String.format(Locale.ROOT, "%.2f×", r);
    }

    /**
     * The nearest-rank median of the whole sample, the not-ready counted as slower than every ready one: NaN when
     * the median would be one of them.
     */
    static double medianCountingNotReady(List<Double> readyMs, int notReady) {
        int n = readyMs.size() + notReady;
        if (n == 0) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(readyMs);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(n / 2.0);
        return rank > sorted.size() ? Double.NaN : sorted.get(rank - 1);
    }

    /** Over the forums the floor started: one it had no time left to start was not measured, not slow. */
    private static double floorMedian(FloorPhase p) {
        List<Double> ready = p.readyMs();
        return medianCountingNotReady(ready, p.forums.size() - ready.size());
    }

    private static Optional<FloorPhase> latencyPhase(List<FloorPhase> floor) {
        return floor.stream().filter(p -> !p.isBatch()).findFirst();
    }

    /** Each forum's times, as latest-latencies.csv has the operator's. */
    static String csv(List<FloorPhase> floor) {
        StringBuilder csv = new StringBuilder("phase,namespace,instance,pre_job_ms,rolled_out_ms,ready_ms\n");
        for (FloorPhase p : floor) {
            synchronized (p.forums) {
                for (FloorForum f : p.forums) {
                    csv.append(String.format(Locale.ROOT, "%s,%s,%s,%.1f,%.1f,%.1f%n", p.name, f.namespace, f.name,
                            f.preDoneMs(), f.rolledOutMs(), f.readyMs()));
                }
            }
        }
        return csv.toString();
    }
}
