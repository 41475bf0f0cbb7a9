package dev.operator.discourse.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** What the results depend on, read from /proc: the parsers are separate so they can be tested on samples. */
public final class Machine {

    private Machine() {
    }

    /** Resident set size and its peak so far, in kB, from /proc/PID/status; -1 where unknown. */
    static long[] rssAndPeakKb(long pid) {
        try {
            String status = Files.readString(Path.of("/proc/" + pid + "/status"));
            return new long[] { kb(status, "VmRSS").orElse(-1L), kb(status, "VmHWM").orElse(-1L) };
        } catch (IOException e) {
            return new long[] { -1, -1 };
        }
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
     * CPU time a process has used, user plus system, in clock ticks, from its /proc/PID/stat line. The command
     * name (field 2) is in parentheses and may hold spaces, so fields are counted from the last ')'.
     */
    public static long cpuTicks(String procStat) {
        String[] fields = procStat.substring(procStat.lastIndexOf(')') + 2).trim().split(" ");
        // fields[0] is field 3 (state); utime and stime are fields 14 and 15
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
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
