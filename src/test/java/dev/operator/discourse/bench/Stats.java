package dev.operator.discourse.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Summary of a sample of durations. Percentiles use the nearest-rank method (the smallest value with at least
 * p% of the sample at or below it), so every reported number is one that was actually measured: with 200
 * values, p99 is the 198th smallest, not an interpolation between two runs.
 */
public record Stats(int count, double min, double p50, double p90, double p99, double max, double mean) {

    public static Stats of(List<Double> values) {
        if (values.isEmpty()) {
            return new Stats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        double sum = 0;
        for (double v : sorted) {
            sum += v;
        }
        return new Stats(sorted.size(), sorted.get(0), percentile(sorted, 50), percentile(sorted, 90),
                percentile(sorted, 99), sorted.get(sorted.size() - 1), sum / sorted.size());
    }

    /** Nearest rank on an ascending list: the value at rank ceil(p/100 * n), ranks counted from 1. */
    static double percentile(List<Double> sorted, double p) {
        if (p <= 0) {
            return sorted.get(0);
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.min(sorted.size(), Math.max(1, rank)) - 1);
    }
}
