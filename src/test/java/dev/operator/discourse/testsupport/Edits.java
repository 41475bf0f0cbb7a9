package dev.operator.discourse.testsupport;

import java.util.function.UnaryOperator;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * A user's edit, as {@code kubectl edit} makes it: read, change, write with the version read, and on a conflict
 * (the operator or a controller wrote the object in between, a status update for instance) read again and redo.
 */
public final class Edits {

    private static final int ATTEMPTS = 10;

    private Edits() {
    }

    public static <T extends HasMetadata> T edit(Resource<T> resource, UnaryOperator<T> change) {
        try {
            return resource.edit(change);
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
        }
        // A handle made from an object (client.resource(obj)) edits that object, stale now, again and again: redo
        // the change on a fresh read, written as a merge patch that carries the version read.
        for (int attempt = 2;; attempt++) {
            try {
                T changed = change.apply(resource.get());
                return resource.patch(PatchContext.of(PatchType.JSON_MERGE), Serialization.asJson(changed));
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
