package dev.operator.discourse.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;

/** The machine a run happened on, in one line for the results. */
final class MachineLine {

    private MachineLine() {
    }

    static String describe() {
        String cpuinfo = read("/proc/cpuinfo");
        String meminfo = read("/proc/meminfo");
        long memKb = Machine.kb(meminfo, "MemTotal").orElse(0L);
        return String.format("%d cores (%s), %.1f GiB memory, %s, JDK %s (%s), %s, %s UTC, load average %s before the run",
                Runtime.getRuntime().availableProcessors(), Machine.cpuModel(cpuinfo).orElse("unknown CPU"),
                memKb / 1024.0 / 1024.0, command("uname", "-sr").strip(), System.getProperty("java.version"),
                System.getProperty("java.vm.name"), os(), Instant.now().truncatedTo(ChronoUnit.SECONDS),
                loadAverage(read("/proc/loadavg")));
    }

    /** The 1-minute load average: how busy the cores already were, which the numbers depend on. */
    static String loadAverage(String loadavg) {
        String[] fields = loadavg.strip().split("\\s+");
        return fields.length > 0 && !fields[0].isEmpty() ? fields[0] : "unknown";
    }

    private static String os() {
        for (String line : read("/etc/os-release").split("\n")) {
            if (line.startsWith("PRETTY_NAME=")) {
                return line.substring("PRETTY_NAME=".length()).replace("\"", "");
            }
        }
        return "unknown OS";
    }

    private static String read(String path) {
        try {
            return Files.readString(Path.of(path));
        } catch (IOException e) {
            return "";
        }
    }

    /** A short command's output, or "?" when it cannot run. */
    static String command(String... argv) {
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(10, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            return "?";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }
}
