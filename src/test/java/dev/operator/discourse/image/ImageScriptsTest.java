package dev.operator.discourse.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Discourse image's scripts, run for real with bash against stand-in processes. */
class ImageScriptsTest {

    private static final Path ENTRYPOINT = Path.of("image/discourse/entrypoint.sh").toAbsolutePath();
    private static final Path ALIVE = Path.of("image/discourse/sidekiq-alive.sh").toAbsolutePath();

    @TempDir
    Path dir;

    /**
     * A child that writes down the first stop signal it gets, then exits. Python, like Ruby, can trap QUIT in
     * a job bash started in the background, where bash itself has it ignored. A process the JVM starts has
     * QUIT blocked (the JVM's thread-dump signal), which no container runtime does: the child unblocks it.
     */
    private Path child() throws IOException {
        Path child = dir.resolve("child.py");
        Files.writeString(child, """
                import os, signal, sys, time
                def stop(signum, frame):
                    open(os.environ["SIGNAL_FILE"], "w").write(signal.Signals(signum).name[3:])
                    sys.exit(0)
                signal.signal(signal.SIGQUIT, stop)
                signal.signal(signal.SIGTERM, stop)
                signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGQUIT})
                open(os.environ["STARTED_FILE"], "w").close()
                while True:
                    time.sleep(0.1)
                """);
        return child;
    }

    private String stopSignalFor(String role) throws Exception {
        Path signal = dir.resolve("signal-" + role);
        Path started = dir.resolve("started-" + role);
        Path pidFile = dir.resolve("pid-" + role);
        ProcessBuilder builder = new ProcessBuilder("bash", ENTRYPOINT.toString(), "python3", child().toString(), role)
                .directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(Map.of("ENTRYPOINT_APP_DIR", dir.toString(), "ENTRYPOINT_PID_FILE",
                pidFile.toString(), "SIGNAL_FILE", signal.toString(), "STARTED_FILE", started.toString()));
        Process entrypoint = builder.start();
        for (int i = 0; i < 100 && !Files.exists(started); i++) {
            Thread.sleep(50);
        }
        assertThat(started).as("the child started").exists();
        assertThat(Files.readString(pidFile).strip()).as("the child's pid is written down").matches("[0-9]+");
        new ProcessBuilder("kill", "-TERM", Long.toString(entrypoint.pid())).start().waitFor();
        assertThat(entrypoint.waitFor(20, TimeUnit.SECONDS)).as("the entrypoint ends with its child").isTrue();
        assertThat(entrypoint.exitValue()).isZero();
        return Files.readString(signal).strip();
    }

    @Test
    void unicornIsStoppedWithQuitAndSidekiqWithTerm() throws Exception {
        assertThat(stopSignalFor("unicorn")).isEqualTo("QUIT");
        // QUIT would kill Sidekiq outright; TERM is its graceful stop
        assertThat(stopSignalFor("sidekiq")).isEqualTo("TERM");
    }

    private int alive(Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", ALIVE.toString()).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process probe = builder.start();
        probe.getInputStream().readAllBytes();
        assertThat(probe.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return probe.exitValue();
    }

    @Test
    void theMemoryGuardFailsOnlyAboveTheLimitOrWhenSidekiqIsGone() throws Exception {
        Process sidekiq = new ProcessBuilder("sleep", "60").start();
        try {
            Path pidFile = dir.resolve("sidekiq.pid");
            Files.writeString(pidFile, sidekiq.pid() + "\n");
            String pid = pidFile.toString();
            assertThat(alive(Map.of("ENTRYPOINT_PID_FILE", pid, "UNICORN_SIDEKIQ_MAX_RSS", "1000")))
                    .as("well under the limit").isZero();
            Path log = dir.resolve("container-stderr");
            assertThat(alive(Map.of("ENTRYPOINT_PID_FILE", pid, "UNICORN_SIDEKIQ_MAX_RSS", "0",
                    "SIDEKIQ_ALIVE_FLOOR_MB", "0", "SIDEKIQ_ALIVE_LOG", log.toString()))).as("over a limit of 0 MB")
                    .isEqualTo(1);
            // the line the Loki alert DiscourseSidekiqMemoryRestart matches, in the container's log
            assertThat(Files.readString(log)).contains("sidekiq-alive: Sidekiq uses").contains("restarting it");
            assertThat(alive(Map.of("ENTRYPOINT_PID_FILE", pid, "UNICORN_SIDEKIQ_MAX_RSS", "0")))
                    .as("Discourse's floor applies to a lower setting").isZero();
            assertThat(alive(Map.of("ENTRYPOINT_PID_FILE", dir.resolve("none").toString())))
                    .as("before the entrypoint wrote the pid").isZero();
            sidekiq.destroy();
            sidekiq.waitFor(10, TimeUnit.SECONDS);
            assertThat(alive(Map.of("ENTRYPOINT_PID_FILE", pid, "UNICORN_SIDEKIQ_MAX_RSS", "1000")))
                    .as("the process is gone").isEqualTo(1);
        } finally {
            sidekiq.destroyForcibly();
        }
    }

    @Test
    void theImageInstallsTheGuardWhereTheWorkloadCallsIt() throws IOException {
        List<String> copies = Files.readAllLines(Path.of("image/discourse/Dockerfile")).stream()
                .filter(l -> l.startsWith("COPY")).toList();
        assertThat(copies).anyMatch(l -> l.endsWith("sidekiq-alive.sh "
                + dev.operator.discourse.instance.DesiredSidekiqStatefulSet.ALIVE_COMMAND));
    }
}
