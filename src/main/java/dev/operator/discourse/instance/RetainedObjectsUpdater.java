package dev.operator.discourse.instance;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.operator.discourse.api.v1alpha1.DiscourseInstance;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Carries spec changes over to the retained objects that their dependents only create. Edits are patches of
 * exactly the changed field (never an apply of the whole desired object, which would replace secret_key_base).
 */
@ApplicationScoped
public class RetainedObjectsUpdater {

    private static final Logger LOG = Logger.getLogger(RetainedObjectsUpdater.class);

    private final KubernetesClient client;

    public RetainedObjectsUpdater(KubernetesClient client) {
        this.client = client;
    }

    /** @return why the uploads volume cannot be as the spec says, if it cannot */
    public Optional<String> update(DiscourseInstance instance, Optional<PersistentVolumeClaim> claim, Optional<Secret> secret) {
        String ns = instance.getMetadata().getNamespace();
        secret.flatMap(s -> RetainedObjectsDrift.owners(s, instance, instance.getSpec().getSecretKeyBaseRetentionPolicy()))
                .ifPresent(owners -> {
                    LOG.infof("Secret %s/%s: retention policy now %s", ns, secret.get().getMetadata().getName(),
                            instance.getSpec().getSecretKeyBaseRetentionPolicy());
                    client.secrets().inNamespace(ns).withName(secret.get().getMetadata().getName())
                            .edit(s -> withOwners(s, owners));
                });
        if (claim.isEmpty()) {
            return Optional.empty();
        }
        String name = claim.get().getMetadata().getName();
        var uploads = instance.getSpec().getUploads();
        RetainedObjectsDrift.owners(claim.get(), instance, uploads.getRetentionPolicy()).ifPresent(owners -> {
            LOG.infof("PersistentVolumeClaim %s/%s: retention policy now %s", ns, name, uploads.getRetentionPolicy());
            client.persistentVolumeClaims().inNamespace(ns).withName(name).edit(c -> withOwners(c, owners));
        });
        if (instance.getSpec().getS3().isEnabled()) {
            return Optional.empty(); // the volume is not in use; its size no longer matters
        }
        var change = RetainedObjectsDrift.storage(claim.get(), uploads.getSize());
        if (change.grow().isPresent()) {
            Quantity size = change.grow().get();
            LOG.infof("PersistentVolumeClaim %s/%s: growing to %s", ns, name, size);
            try {
                client.persistentVolumeClaims().inNamespace(ns).withName(name).edit(c -> {
                    c.getSpec().getResources().getRequests().put("storage", size);
                    return c;
                });
            } catch (KubernetesClientException e) {
                // e.g. a storage class without allowVolumeExpansion, or a claim not bound yet
                return Optional.of("The uploads volume cannot grow to " + size + ": "
                        + (e.getStatus() == null ? e.getMessage() : e.getStatus().getMessage()));
            }
        }
        return change.refused();
    }

    private static <T extends io.fabric8.kubernetes.api.model.HasMetadata> T withOwners(T object, List<OwnerReference> owners) {
        object.getMetadata().setOwnerReferences(owners);
        return object;
    }
}
