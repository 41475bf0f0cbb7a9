package dev.operator.discourse.usertask;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.ExecWatch;

/**
 * Runs commands with the exec API in a ready pod of the instance, as the charm's actions ran in its unit's
 * container. Chosen over a Job because the pod already has everything the commands need (image, every env
 * entry and Secret reference the instance and its relations set, volumes), where a Job would have to copy the
 * StatefulSet's pod spec and keep that copy right; because stdin (the password) can be written straight to the
 * process instead of being parked in another Secret and piped in by a shell; and because the result is the
 * exit status and output, not a pod log to fetch. The price: a run is tied to the operator process. If it
 * restarts mid-run the end is not seen, and the reconciler fails the task as interrupted instead of re-running it.
 *
 * <p>Exec cannot set env or a working directory, so the command is wrapped in a constant shell script that
 * takes both as arguments: {@code sh -c 'cd "$1" && shift && exec env "$@"' sh <workdir> NAME=value... argv...}.
 * User input only ever appears as whole arguments or on stdin, never in the script.
 */
@ApplicationScoped
public class PodExecRunner implements CommandRunner {

    static final String WRAPPER = "cd \"$1\" && shift && exec env \"$@\"";
    /** Booting Rails takes tens of seconds; a rake prompt waiting for input it will never get must not hang forever. */
    static final Duration TIMEOUT = Duration.ofMinutes(10);

    private final KubernetesClient client;

    public PodExecRunner(KubernetesClient client) {
        this.client = client;
    }

    /** The argv actually sent to the exec API. */
    static List<String> execArgv(Command command) {
        List<String> argv = new ArrayList<>(List.of("sh", "-c", WRAPPER, "sh", command.workdir()));
        command.env().forEach((name, value) -> argv.add(name + "=" + value));
        argv.addAll(command.argv());
        return argv;
    }

    @Override
    public CommandResult run(PodTarget target, Command command) {
        var output = new ByteArrayOutputStream();
        try (ExecWatch watch = client.pods().inNamespace(target.namespace()).withName(target.pod())
                .inContainer(target.container())
                .redirectingInput()
                .writingOutput(output)
                .writingError(output)
                .exec(execArgv(command).toArray(String[]::new))) {
            try (OutputStream stdin = watch.getInput()) {
                stdin.write(command.stdin().getBytes(StandardCharsets.UTF_8));
                stdin.flush();
            }
            int exit = watch.exitCode().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            return new CommandResult(exit, output.toString(StandardCharsets.UTF_8));
        } catch (TimeoutException e) {
            throw new CommandRunnerException("no exit status after " + TIMEOUT.toMinutes() + " minutes", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandRunnerException("interrupted while waiting for the command", e);
        } catch (ExecutionException | IOException | KubernetesClientException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            throw new CommandRunnerException(String.valueOf(cause.getMessage()), e);
        }
    }
}
