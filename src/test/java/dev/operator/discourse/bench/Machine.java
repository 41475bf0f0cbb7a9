package dev.operator.discourse.bench;

import java.util.Optional;

/** What the results depend on, read from /proc: the parsers are separate so they can be tested on samples. */
public final class Machine {

    private Machine() {
    }

    /** The first "model name" of /proc/cpuinfo. */
    public static Optional<String> cpuModel(String cpuinfo) {
        return field(cpuinfo, "model name");
    }

    /** A "Name: 1234 kB" line of /proc/meminfo or /proc/PID/status, in kB. */
    public static Optional<Long> kb(String procText, String name) {
        return field(procText, name).map(v -> Long.parseLong(v.replace("kB", "").trim()));
    }

    private static Optional<String> field(String text, String name) {
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equals(name)) {
                return Optional.of(line.substring(colon + 1).trim());
            }
        }
        return Optional.empty();
    }

    /**
     * How total time grows with the number of instances between two sizes: t ~ N^k, k = log(t2/t1)/log(n2/n1).
     * 1 is linear (constant cost per instance), below 1 means fixed costs are being amortised, above 1 that
     * each instance gets slower as more exist.
     */
    public static double growthExponent(int n1, double t1, int n2, double t2) {
        return Math.log(t2 / t1) / Math.log((double) n2 / n1);
    }
}
