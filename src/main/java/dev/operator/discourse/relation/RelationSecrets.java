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
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.SecretList;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.api.reconciler.Context;

/**
 * The Secrets a relation names. The relations' informers cache only Secrets labelled {@value #WATCHED_LABEL}
 * (as the Keycloak operator does): a cluster-wide cache of every Secret, Helm's release Secrets among them,
 * would make the operator's memory grow with the cluster. A named Secret not in the cache yet is labelled once,
 * and read from the label's answer, so its later changes arrive as events like any other.
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
        return labelled(context.getClient().secrets().inNamespace(relation.getMetadata().getNamespace()), relation,
                name);
    }

    /**
     * Labels the Secret and takes it from the patch's answer: one request, where a read and then a label would be
     * two. A Secret that is not there answers 404, and a merge patch never creates one. When the label is refused,
     * the Secret is read as it is; its changes are then seen at the next periodic reconcile instead of at once.
     */
    private static Optional<Secret> labelled(NonNamespaceOperation<Secret, SecretList, Resource<Secret>> secrets,
            HasMetadata relation, String name) {
        String ns = relation.getMetadata().getNamespace();
        // patched through an object, not by name: by name, the client would GET it first
        Secret named = new SecretBuilder().withNewMetadata().withName(name).withNamespace(ns).endMetadata().build();
        try {
            Secret live = secrets.resource(named).patch(LABEL_PATCH_CONTEXT, LABEL_PATCH);
            LOG.infof("Labelled Secret %s/%s %s so that %s %s sees its changes", ns, name, WATCHED_SELECTOR,
                    relation.getKind(), relation.getMetadata().getName());
            return Optional.ofNullable(live);
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return Optional.empty();
            }
            LOG.warnf("Could not label Secret %s/%s %s (HTTP %d: %s); its changes are seen only at the next periodic "
                    + "reconcile", ns, name, WATCHED_SELECTOR, e.getCode(), e.getMessage());
            return Optional.ofNullable(secrets.withName(name).get());
        }
    }

    public static String decode(String base64) {
        return base64 == null ? "" : new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }
}
