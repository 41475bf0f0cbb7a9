package dev.operator.discourse.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.operator.discourse.testsupport.RepoPaths;

/**
 * Every workflow under .github/workflows/ passes actionlint (syntax, expressions, job dependencies, action
 * inputs, and the run scripts through shellcheck when it is installed, as scripts/setup-test-env.sh does). The
 * workflows cannot run here; this is their check. actionlint is built by scripts/build-actionlint.sh (from
 * scripts/setup-test-env.sh); where it could not be built, the tests are skipped with that reason.
 */
class ActionlintTest {

    static final Path ROOT = RepoPaths.root();
    static final Path ACTIONLINT = ROOT.resolve(".cache/actionlint");
    static final Path WORKFLOWS = ROOT.resolve(".github/workflows");

    record Result(int exit, String output) {
    }

    /** Per test: a class whose set-up aborts is reported with no test at all, not as skipped. */
    @BeforeEach
    void actionlint() {
        Assumptions.assumeTrue(Files.isExecutable(ACTIONLINT), () -> "actionlint is not built (" + ACTIONLINT
                + " missing): scripts/build-actionlint.sh could not build it; scripts/setup-test-env.sh runs it");
    }

    static Result lint(Path... files) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ACTIONLINT.toString(), "-no-color"));
        for (Path file : files) {
            command.add(file.toString());
        }
        Process process = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("actionlint finished").isTrue();
        return new Result(process.exitValue(), output);
    }

    @Test
    void theWorkflowsPassActionlint() throws Exception {
        List<Path> workflows;
        try (Stream<Path> files = Files.list(WORKFLOWS)) {
            workflows = files.filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(workflows).contains(WORKFLOWS.resolve("release.yml"));
        Result result = lint(workflows.toArray(Path[]::new));
        assertThat(result.exit()).as("actionlint %s:%n%s", workflows, result.output()).isZero();
    }

    /** The linter really reads the file: a workflow with a broken dependency and a bad expression fails. */
    @Test
    void aBrokenWorkflowFails(@TempDir Path dir) throws Exception {
        Path broken = dir.resolve("broken.yml");
        Files.writeString(broken, """
                on:
                  push:
                    tags: ["v*"]
                jobs:
                  publish:
                    needs: [build]
                    runs-on: ubuntu-24.04
                    steps:
                      - run: echo "${{ needs.build.outputs.version }}"
                """);
        Result result = lint(broken);
        assertThat(result.exit()).as(result.output()).isNotZero();
        assertThat(result.output()).contains("job-needs");
    }
}
