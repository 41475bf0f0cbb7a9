package dev.operator.discourse.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The switch the release workflow uses to run the *PackagedIT tests against the native binary: by default the
 * packaged jar on this JVM, with the property or variable set the executable it names, with the same settings.
 */
class OperatorProcessTest {

    static final Path KUBECONFIG = Path.of("/tmp/kubeconfig.yaml");

    @Test
    void withoutTheSwitchThePackagedJarRunsOnThisJvm() {
        assertThat(OperatorProcess.executable(k -> null, k -> null)).isEqualTo(OperatorProcess.jar());
        assertThat(OperatorProcess.executable(k -> "  ", k -> "")).isEqualTo(OperatorProcess.jar());
        List<String> command = OperatorProcess.command(OperatorProcess.jar(), KUBECONFIG, 8123);
        assertThat(command.get(0)).isEqualTo(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        assertThat(command.subList(command.size() - 2, command.size()))
                .containsExactly("-jar", OperatorProcess.jar().toString());
        assertThat(command).contains("-Dkubeconfig=" + KUBECONFIG, "-Dquarkus.http.port=8123",
                "-Dquarkus.profile=prod", "-Dquarkus.http.host=127.0.0.1");
    }

    @Test
    void aTestsOwnSettingsComeAfterTheDefaultsSoTheyWin() {
        List<String> jar = OperatorProcess.command(OperatorProcess.jar(), KUBECONFIG, 8123,
                List.of("quarkus.operator-sdk.cache-sync-timeout=5s", "quarkus.profile=test"));
        assertThat(jar.subList(jar.size() - 4, jar.size())).containsExactly("-Dquarkus.operator-sdk.cache-sync-timeout=5s",
                "-Dquarkus.profile=test", "-jar", OperatorProcess.jar().toString());
        Path runner = Path.of("/opt/ops/discourse-operator-1.0.0-runner");
        List<String> binary = OperatorProcess.command(runner, KUBECONFIG, 8123, List.of("a=b"));
        assertThat(binary).endsWith("-Dquarkus.profile=prod", "-Da=b");
        List<String> sized = OperatorProcess.command(OperatorProcess.jar(), KUBECONFIG, 8123,
                List.of("-XX:MaxRAM=512m", "a=b"));
        assertThat(sized.subList(sized.size() - 4, sized.size())).as("a JVM option passed as it is")
                .containsExactly("-XX:MaxRAM=512m", "-Da=b", "-jar", OperatorProcess.jar().toString());
    }

    @Test
    void thePropertyOrTheVariableNamesANativeBinaryThatRunsItself() {
        Path runner = Path.of("/opt/ops/discourse-operator-1.0.0-runner");
        Map<String, String> property = Map.of(OperatorProcess.NATIVE_BINARY_PROPERTY, runner.toString());
        Map<String, String> env = Map.of(OperatorProcess.NATIVE_BINARY_ENV, "target/other-runner");
        assertThat(OperatorProcess.executable(property::get, k -> null)).isEqualTo(runner);
        assertThat(OperatorProcess.executable(k -> null, env::get))
                .as("relative to the repository").isEqualTo(RepoPaths.root().resolve("target/other-runner"));
        assertThat(OperatorProcess.executable(property::get, env::get)).as("the property wins").isEqualTo(runner);

        List<String> command = OperatorProcess.command(runner, KUBECONFIG, 8123);
        assertThat(command).containsExactly(runner.toString(), "-Dkubeconfig=" + KUBECONFIG,
                "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=8123", "-Dquarkus.profile=prod");
    }

    @Test
    void aNativeBinaryIsStartedAsItsOwnProcessWithTheSettings(@TempDir Path dir) throws IOException {
        // a stand-in for target/*-runner: records how it was called and exits as a broken binary would
        Path args = dir.resolve("args.txt");
        Path stub = dir.resolve("discourse-operator-runner");
        Files.writeString(stub, "#!/bin/sh\nprintf '%s\\n' \"$@\" > '" + args + "'\necho 'stub operator'\nexit 3\n");
        Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path log = dir.resolve("operator.log");

        OperatorProcess operator = OperatorProcess.launch(stub, KUBECONFIG, log);
        try {
            assertThatThrownBy(() -> operator.awaitReady(Duration.ofSeconds(20)))
                    .hasMessageContaining("exited with 3");
        } finally {
            operator.close();
        }
        List<String> lines = Files.readAllLines(args);
        assertThat(lines).contains("-Dkubeconfig=" + KUBECONFIG, "-Dquarkus.profile=prod", "-Dquarkus.http.host=127.0.0.1")
                .doesNotContain("-jar");
        assertThat(lines).anyMatch(l -> l.matches("-Dquarkus\\.http\\.port=\\d+"));
        assertThat(Files.readString(log)).contains("stub operator");
    }

    @Test
    void aNamedBinaryThatIsNotThereIsAnErrorNotTheJar(@TempDir Path dir) {
        String missing = dir.resolve("no-such-runner").toString();
        String before = System.getProperty(OperatorProcess.NATIVE_BINARY_PROPERTY);
        System.setProperty(OperatorProcess.NATIVE_BINARY_PROPERTY, missing);
        try {
            assertThat(OperatorProcess.executable()).isEqualTo(Path.of(missing));
            assertThatThrownBy(() -> OperatorProcess.launch(OperatorProcess.jar(), KUBECONFIG, dir.resolve("log")))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(missing).hasMessageContaining(OperatorProcess.NATIVE_BINARY_PROPERTY);
        } finally {
            if (before == null) {
                System.clearProperty(OperatorProcess.NATIVE_BINARY_PROPERTY);
            } else {
                System.setProperty(OperatorProcess.NATIVE_BINARY_PROPERTY, before);
            }
        }
    }
}
