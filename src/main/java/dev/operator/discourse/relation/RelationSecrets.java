package dev.operator.discourse.relation;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

import org.jboss.logging.Logger;

import dev.operator.discourse.api.v1alpha1.DiscourseInstance;
import dev.operator.discourse.workload.FieldManagers;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.api.reconciler.Context;

/**
 * The Secrets a relation names. The relations' informers cache only Secrets labelled {@value #WATCHED_LABEL}
 * (as the Keycloak operator does): a cluster-wide cache of every Secret, Helm's release Secrets among them,
 * would make the operator's memory grow with the cluster. A named Secret not in the cache yet is read from the
 * API server once and labelled, so its later changes arrive as events like any other.
 */
public final class RelationSecrets {

    public static final String WATCHED_LABEL = DiscourseInstance.GROUP + "/watched";
    public static final String WATCHED_SELECTOR = WATCHED_LABEL + "=true";
    /**
     * A named Secret that does not exist is looked for again this often: its creation sends no event unless it
     * carries the label already.
     */
    public static final Duration MISSING_RECHECK = Duration.ofSeconds(10);

    private static final Logger LOG = Logger.getLogger(RelationSecrets.class);
    private static final String LABEL_PATCH = "{\"metadata\":{\"labels\":{\"" + WATCHED_LABEL + "\":\"true\"}}}";
    // A merge patch, not server-side apply: applying to a Secret deleted meanwhile would create an empty one.
    private static final PatchContext LABEL_PATCH_CONTEXT = new PatchContext.Builder()
            .withPatchType(PatchType.JSON_MERGE).withFieldManager(FieldManagers.SECRET_WATCH).build();

    private RelationSecrets() {
    }

    /** The Secret {@code name} in the relation's namespace, from the cache or else from the API server. */
    public static Optional<Secret> find(Context<?> context, HasMetadata relation, String name) {
        if (name == null || name.isBlank()) {
            // the CRDs require the name, not that it be non-empty; no Secret has an empty name
            return Optional.empty();
        }
        Optional<Secret> cached = context.getSecondaryResources(Secret.class).stream()
                .filter(s -> name.equals(s.getMetadata().getName())).findFirst();
        if (cached.isPresent()) {
            return cached;
        }
        var secrets = context.getClient().secrets().inNamespace(relation.getMetadata().getNamespace());
        Secret live = secrets.withName(name).get();
        if (live == null) {
            return Optional.empty();
        }
        // patched through the object read, not by name: by name, the client would GET it once more first
        watch(secrets.resource(live), relation, name);
        return Optional.of(live);
    }

    private static void watch(Resource<Secret> secret, HasMetadata relation, String name) {
        String ns = relation.getMetadata().getNamespace();
        try {
            secret.patch(LABEL_PATCH_CONTEXT, LABEL_PATCH);
            LOG.infof("Labelled Secret %s/%s %s so that %s %s sees its changes", ns, name, WATCHED_SELECTOR,
                    relation.getKind(), relation.getMetadata().getName());
        } catch (KubernetesClientException e) {
            // Still usable as read; its changes are seen at the next periodic reconcile instead of at once.
            LOG.warnf("Could not label Secret %s/%s %s (HTTP %d: %s); its changes are seen only at the next periodic "
                    + "reconcile", ns, name, WATCHED_SELECTOR, e.getCode(), e.getMessage());
        }
    }

    public static String decode(String base64) {
        return base64 == null ? "" : new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }
}
