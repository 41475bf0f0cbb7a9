package dev.operator.discourse.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The control plane's executables as {@code scripts/build-control-plane.sh} left them: {@code .cache/control-plane}
 * links to a machine-wide build whose {@code VERSIONS} file names what was built from which pins.
 */
record ControlPlaneBinaries(Path dir, Map<String, String> versions) {

    static final List<String> EXECUTABLES = List.of("etcd", "kube-apiserver", "kube-controller-manager",
            "kube-scheduler", "kwok");

    static Path defaultDir() {
        return RepoPaths.root().resolve(".cache/control-plane");
    }

    /** The build in {@code dir}, when every executable is there. */
    static Optional<ControlPlaneBinaries> in(Path dir) {
        if (!Files.isRegularFile(dir.resolve(".complete"))
                || !EXECUTABLES.stream().allMatch(b -> Files.isExecutable(dir.resolve(b)))) {
            return Optional.empty();
        }
        Map<String, String> versions = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(dir.resolve("VERSIONS"))) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    versions.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Optional.of(new ControlPlaneBinaries(dir, versions));
    }

    Path executable(String name) {
        return dir.resolve(name);
    }

    /** The Kubernetes version, e.g. {@code v1.37.2}. */
    String kubernetes() {
        return versions.getOrDefault("kubernetes", "unknown");
    }

    String describe() {
        return "kube-apiserver, kube-controller-manager, kube-scheduler " + kubernetes() + ", etcd "
                + versions.getOrDefault("etcd", "?") + ", kwok " + versions.getOrDefault("kwok", "?");
    }
}
