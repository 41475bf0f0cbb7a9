package dev.operator.discourse.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU seconds used so far by each process of a run, read from /proc, so each phase can say who did the work
 * on the shared cores: the operator, each part of the control plane, Redis, or the benchmark playing users.
 */
final class CpuTimes {

    private static final double TICKS_PER_SECOND = ticksPerSecond();
    private static final String[] CONTROL_PLANE = { "kube-apiserver", "etcd", "kube-controller-manager",
        "kube-scheduler", "kwok" };

    private CpuTimes() {
    }

    static Map<String, Double> snapshot(long operatorPid) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        seconds.put("operator", seconds(operatorPid));
        for (String name : CONTROL_PLANE) {
            seconds.put(name, 0.0);
        }
        seconds.put("redis", 0.0);
        // the control plane and Redis are started by this JVM
        ProcessHandle.current().descendants().forEach(p -> {
            String command = p.info().command().orElse("");
            for (String name : CONTROL_PLANE) {
                if (command.endsWith("/" + name)) {
                    seconds.merge(name, seconds(p.pid()), Double::sum);
                }
            }
            if (command.endsWith("/redis-server")) {
                seconds.merge("redis", seconds(p.pid()), Double::sum);
            }
        });
        seconds.put("benchmark", seconds(ProcessHandle.current().pid()));
        return seconds;
    }

    private static double seconds(long pid) {
        try {
            return Machine.cpuTicks(Files.readString(Path.of("/proc/" + pid + "/stat"))) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static double ticksPerSecond() {
        try {
            return Double.parseDouble(MachineLine.command("getconf", "CLK_TCK").strip());
        } catch (RuntimeException e) {
            return 100;
        }
    }
}
