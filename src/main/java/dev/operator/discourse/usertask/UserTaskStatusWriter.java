package dev.operator.discourse.usertask;

import java.net.HttpURLConnection;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.operator.discourse.api.v1alpha1.DiscourseUserTask;
import dev.operator.discourse.api.v1alpha1.DiscourseUserTaskStatus;
import dev.operator.discourse.api.v1alpha1.UserTaskPhase;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Writes task statuses with optimistic locking (the resourceVersion read is the one written against), always
 * from a fresh read of the API server, never from the informer's cache. That is what makes "started" a claim:
 * two reconciles, or a stale cache, cannot both move the same Pending task to Running.
 */
@ApplicationScoped
public class UserTaskStatusWriter {

    private static final Logger LOG = Logger.getLogger(UserTaskStatusWriter.class);
    private static final int ATTEMPTS = 5;

    private final KubernetesClient client;

    public UserTaskStatusWriter(KubernetesClient client) {
        this.client = client;
    }

    /**
     * Moves the task from Pending (or no status) to the Running status {@code running} builds, if it still is
     * Pending at the generation the caller decided on.
     *
     * @return the task as written, or empty when it was not this caller's to start
     */
    public Optional<DiscourseUserTask> claim(DiscourseUserTask seen,
            Function<DiscourseUserTask, DiscourseUserTaskStatus> running) {
        return write(seen, fresh -> {
            boolean pending = fresh.getStatus() == null || fresh.getStatus().getPhase() == null
                    || fresh.getStatus().getPhase() == UserTaskPhase.PENDING;
            boolean sameSpec = Objects.equals(fresh.getMetadata().getGeneration(), seen.getMetadata().getGeneration());
            return pending && sameSpec ? running.apply(fresh) : null;
        });
    }

    /** Writes the final status, if the stored status is still the run {@code attemptId} marks. */
    public Optional<DiscourseUserTask> finish(DiscourseUserTask seen, String attemptId,
            Function<DiscourseUserTask, DiscourseUserTaskStatus> finished) {
        return write(seen, fresh -> fresh.getStatus() != null && fresh.getStatus().getPhase() == UserTaskPhase.RUNNING
                && Objects.equals(attemptId, fresh.getStatus().getAttemptId()) ? finished.apply(fresh) : null);
    }

    /** Writes a status that does not start or end a run (Pending, SpecChangeIgnored) when it differs. */
    public Optional<DiscourseUserTask> update(DiscourseUserTask seen,
            Function<DiscourseUserTask, DiscourseUserTaskStatus> next) {
        return write(seen, fresh -> {
            DiscourseUserTaskStatus status = next.apply(fresh);
            return status == null || status.equals(fresh.getStatus()) ? null : status;
        });
    }

    /** @param next the status to write on top of a fresh read, or null to write nothing */
    private Optional<DiscourseUserTask> write(DiscourseUserTask seen,
            Function<DiscourseUserTask, DiscourseUserTaskStatus> next) {
        var tasks = client.resources(DiscourseUserTask.class).inNamespace(seen.getMetadata().getNamespace());
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            DiscourseUserTask fresh = tasks.withName(seen.getMetadata().getName()).get();
            if (fresh == null || !Objects.equals(fresh.getMetadata().getUid(), seen.getMetadata().getUid())) {
                return Optional.empty();
            }
            DiscourseUserTaskStatus status = next.apply(fresh);
            if (status == null) {
                return Optional.empty();
            }
            fresh.setStatus(status);
            try {
                return Optional.of(tasks.resource(fresh).updateStatus());
            } catch (KubernetesClientException e) {
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                    throw e;
                }
                LOG.debugf("DiscourseUserTask %s/%s changed while writing its status; reading it again",
                        seen.getMetadata().getNamespace(), seen.getMetadata().getName());
            }
        }
        throw new IllegalStateException("DiscourseUserTask " + seen.getMetadata().getName()
                + " kept changing while its status was written");
    }
}
