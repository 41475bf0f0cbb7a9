package dev.operator.discourse.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** One measured step of the floor: its forums one at a time ("latency"), or N of them at once ("N=500"). */
final class FloorPhase {

    static final String LATENCY = "latency";

    final String name;
    final int instances;
    final List<FloorForum> forums = Collections.synchronizedList(new ArrayList<>());
    double createdMs = Double.NaN;
    /** From the first create to the last forum's ready; NaN when one was not ready within the phase's bound. */
    double allReadyMs = Double.NaN;
    List<Double> jobExitLagsMs = List.of();

    FloorPhase(String name, int instances) {
        this.name = name;
        this.instances = instances;
    }

    static String batch(int n) {
        return "N=" + n;
    }

    boolean isBatch() {
        return name.startsWith("N=");
    }

    /** Forums asked for but not ready: failed, timed out, or never started because the bound ran out first. */
    int late() {
        return instances - readyMs().size();
    }

    List<Double> readyMs() {
        return times(FloorForum::readyMs);
    }

    List<Double> preDoneMs() {
        return times(FloorForum::preDoneMs);
    }

    List<Double> rolledOutMs() {
        return times(FloorForum::rolledOutMs);
    }

    private List<Double> times(ToDoubleFunction<FloorForum> time) {
        synchronized (forums) {
            return forums.stream().mapToDouble(time).filter(d -> !Double.isNaN(d)).boxed().toList();
        }
    }
}
