package dev.operator.discourse.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.operator.discourse.bench.FloorReport.Batch;
import dev.operator.discourse.bench.FloorReport.Operator;

class FloorReportTest {

    private static final long MS = 1_000_000;

    /** A forum whose steps ended at these ms after its start; a negative ready leaves it not ready. */
    private static FloorForum forum(String ns, int i, long preMs, long rolledMs, long readyMs) {
        FloorForum f = new FloorForum(new FloorObjects(ns, BenchmarkMain.name(i), "127.0.0.1", 6379), 0);
        f.preDoneNanos = preMs * MS;
        f.rolledOutNanos = rolledMs * MS;
        f.readyNanos = readyMs < 0 ? -1 : readyMs * MS;
        return f;
    }

    /** Forums ready after 1..count times 100 ms, the steps at a third and two thirds of it. */
    private static FloorPhase latency(int count) {
        FloorPhase p = new FloorPhase(FloorPhase.LATENCY, count);
        for (int i = 1; i <= count; i++) {
            p.forums.add(forum("floor-latency", i, 100L * i / 3, 200L * i / 3, 100L * i));
        }
        return p;
    }

    private static FloorPhase batch(int n, double allReadyMs) {
        FloorPhase p = new FloorPhase(FloorPhase.batch(n), n);
        for (int i = 0; i < n; i++) {
            p.forums.add(forum("floor-n" + n, i, 10, 20, (long) allReadyMs));
        }
        p.allReadyMs = allReadyMs;
        p.createdMs = 400;
        return p;
    }

    private static List<Double> readyEvery(int count, double stepMs) {
        List<Double> ready = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            ready.add(stepMs * i);
        }
        return ready;
    }

    @Test
    void bothGoalsMetWhenTheOperatorIsWithinTheirRatios() {
        // floor median 1000 ms (rank 10 of 20), operator median 1200 ms; N=500: 60 s against 50 s
        List<FloorPhase> floor = List.of(latency(20), batch(500, 50_000));
        Operator operator = new Operator(readyEvery(20, 120), 0, Map.of(500, new Batch(60_000, 0)));
        assertThat(FloorReport.goals(floor, operator)).containsExactly(
                "- Goal: create -> ready median ≤ 1.30× the floor's: **met**, 1.20×",
                "- Goal: 500 instances all ready ≤ 1.50× the floor's time for 500: **met**, 1.20×");
    }

    @Test
    void aRatioAboveTheGoalIsNotMet() {
        List<FloorPhase> floor = List.of(latency(20), batch(500, 40_000));
        Operator operator = new Operator(readyEvery(20, 140), 0, Map.of(500, new Batch(88_000, 0)));
        assertThat(FloorReport.goals(floor, operator)).containsExactly(
                "- Goal: create -> ready median ≤ 1.30× the floor's: **not met**, 1.40×",
                "- Goal: 500 instances all ready ≤ 1.50× the floor's time for 500: **not met**, 2.20×");
    }

    @Test
    void anOperatorThatDidNotConvergeMissesTheGoalRatherThanGoingUnmeasured() {
        List<FloorPhase> floor = List.of(latency(4), batch(500, 40_000));
        // two of four ready: the median (rank 2) is the second ready one; three not ready: it is not ready
        assertThat(FloorReport.goals(floor, new Operator(List.of(100.0, 200.0), 2, Map.of())).get(0))
                .endsWith("**met**, 1.00×");
        assertThat(FloorReport.goals(floor, new Operator(List.of(100.0), 3, Map.of(500, new Batch(Double.NaN, 12)))))
                .containsExactly(
                        "- Goal: create -> ready median ≤ 1.30× the floor's: **not met**: more than half of the "
                                + "operator's 4 instances were not ready",
                        "- Goal: 500 instances all ready ≤ 1.50× the floor's time for 500: **not met**: 12 of the "
                                + "operator's 500 were not ready within the run's budget");
    }

    @Test
    void aRunWithoutTheFiveHundredOrWhoseFloorFailedSaysItCannotTell() {
        Operator operator = new Operator(readyEvery(4, 100), 0, Map.of(10, new Batch(2_000, 0)));
        assertThat(FloorReport.goals(List.of(latency(4), batch(10, 1_000)), operator).get(1))
                .isEqualTo("- Goal: 500 instances all ready ≤ 1.50× the floor's time for 500: not measured: "
                        + "no N=500 in this run");
        FloorPhase failed = new FloorPhase(FloorPhase.LATENCY, 2);
        failed.forums.add(forum("floor-latency", 0, 1, 2, -1));
        failed.forums.add(forum("floor-latency", 1, 1, 2, -1));
        assertThat(FloorReport.goals(List.of(failed), operator).get(0)).isEqualTo(
                "- Goal: create -> ready median ≤ 1.30× the floor's: not measured: more than half of the floor's "
                        + "forums were not ready");
    }

    @Test
    void aFloorForumNeverStartedForWantOfTimeIsLeftOutOfItsMedianButCountedAsNotReady() {
        FloorPhase p = latency(3); // ready after 100, 200, 300 ms
        FloorPhase asked = new FloorPhase(FloorPhase.LATENCY, 10);
        p.forums.forEach(asked.forums::add);
        assertThat(asked.late()).isEqualTo(7);
        assertThat(FloorReport.ratios(List.of(asked), new Operator(readyEvery(3, 100), 0, Map.of())))
                .contains("| create -> ready, median (ms) | 200      | 200   | 1.00×");
        assertThat(FloorReport.distributions(List.of(asked))).contains("7 (7 not started: bound spent)");
    }

    @Test
    void theMedianCountsTheNotReadyAsSlowerThanEveryReadyOne() {
        assertThat(FloorReport.medianCountingNotReady(List.of(30.0, 10.0, 20.0), 0)).isEqualTo(20);
        assertThat(FloorReport.medianCountingNotReady(List.of(30.0, 10.0, 20.0), 2)).isEqualTo(30);
        assertThat(FloorReport.medianCountingNotReady(List.of(30.0, 10.0, 20.0), 4)).isNaN();
        assertThat(FloorReport.medianCountingNotReady(List.of(), 0)).isNaN();
    }

    @Test
    void theRatiosTableHasTheMedianAndEveryNWithTheGoalOnlyWhereThereIsOne() {
        List<FloorPhase> floor = List.of(latency(20), batch(10, 1_000), batch(500, 50_000));
        Operator operator = new Operator(readyEvery(20, 150), 0,
                Map.of(10, new Batch(2_500, 0), 500, new Batch(Double.NaN, 3)));
        String table = FloorReport.ratios(floor, operator);
        assertThat(table).contains("| create -> ready, median (ms) | 1500     | 1000  | 1.50×            | ≤ 1.30× |");
        assertThat(table).contains("| N=10, all ready (s)          | 2.5      | 1.0   | 2.50×            | -       |");
        assertThat(table).contains("| N=500, all ready (s)         | -        | 50.0  | -                | ≤ 1.50× |");
    }

    @Test
    void theFloorsDistributionsAreEachStepOneAtATimeAndEachBatch() {
        String table = FloorReport.distributions(List.of(latency(100), batch(10, 1_000)));
        assertThat(table).contains("| floor create -> ready (post-deployment Job succeeded) | 100 | 0         | 5000   "
                + "| 9000 | 9900 | 10000 |");
        assertThat(table).contains("floor create -> pre-deployment Job succeeded");
        assertThat(table).contains("floor create -> rolled out, pod ready");
        assertThat(table).contains("| floor create -> ready within N=10");
        assertThat(FloorReport.throughput(List.of(latency(3), batch(10, 2_000))))
                .contains("| 10      | 0.4              | 2.0           | 200               | 5.0         | 0         | -");
    }

    @Test
    void theCsvHasEachForumsSteps() {
        String csv = FloorReport.csv(List.of(latency(1), batch(1, 700)));
        assertThat(csv).isEqualTo("""
                phase,namespace,instance,pre_job_ms,rolled_out_ms,ready_ms
                latency,floor-latency,forum-1,33.0,66.0,100.0
                N=1,floor-n1,forum-0,10.0,20.0,700.0
                """);
    }

    @Test
    void aRunWithoutAFloorSaysSo() {
        assertThat(FloorReport.section(List.of(), new Operator(List.of(), 0, Map.of()))).contains("no floor");
    }
}
