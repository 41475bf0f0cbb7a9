package dev.operator.discourse.status;

import java.net.HttpURLConnection;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Writes a status with optimistic locking (the resourceVersion read is the one written against), always from a
 * fresh read of the API server, never from an informer's cache. That is what makes "started" a claim for the
 * kinds that run something once (user tasks, backups): two reconciles, or a stale cache, cannot both move the
 * same Pending object to Running.
 */
@ApplicationScoped
public class LockedStatusWriter {

    private static final Logger LOG = Logger.getLogger(LockedStatusWriter.class);
    private static final int ATTEMPTS = 5;

    private final KubernetesClient client;

    public LockedStatusWriter(KubernetesClient client) {
        this.client = client;
    }

    /**
     * @param next the status to write on top of a fresh read, or null to write nothing
     * @return the object as written, or empty when nothing was written (gone, replaced, or {@code next} said no)
     */
    public <S, R extends CustomResource<?, S>> Optional<R> write(Class<R> kind, R seen, Function<R, S> next) {
        var objects = client.resources(kind).inNamespace(seen.getMetadata().getNamespace());
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            R fresh = objects.withName(seen.getMetadata().getName()).get();
            if (fresh == null || !Objects.equals(fresh.getMetadata().getUid(), seen.getMetadata().getUid())) {
                return Optional.empty();
            }
            S status = next.apply(fresh);
            if (status == null) {
                return Optional.empty();
            }
            fresh.setStatus(status);
            try {
                return Optional.of(objects.resource(fresh).updateStatus());
            } catch (KubernetesClientException e) {
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                    throw e;
                }
                LOG.debugf("%s %s/%s changed while writing its status; reading it again", kind.getSimpleName(),
                        seen.getMetadata().getNamespace(), seen.getMetadata().getName());
            }
        }
        throw new IllegalStateException(kind.getSimpleName() + " " + seen.getMetadata().getName()
                + " kept changing while its status was written");
    }
}
