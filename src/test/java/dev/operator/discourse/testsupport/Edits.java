package dev.operator.discourse.testsupport;

import java.util.function.UnaryOperator;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;

/**
 * A user's edit, as {@code kubectl edit} makes it: read, change, write with the version read, and on a conflict
 * (the operator or a controller wrote the object in between, a status update for instance) read again and redo.
 */
public final class Edits {

    private static final int ATTEMPTS = 10;

    private Edits() {
    }

    public static <T extends HasMetadata> T edit(Resource<T> resource, UnaryOperator<T> change) {
        for (int attempt = 1;; attempt++) {
            try {
                return resource.edit(change);
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
