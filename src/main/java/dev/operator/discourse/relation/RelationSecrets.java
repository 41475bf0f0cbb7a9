package dev.operator.discourse.relation;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.reconciler.Context;

/** The Secrets a relation names, read from its informer cache, and their values decoded only where needed. */
public final class RelationSecrets {

    private RelationSecrets() {
    }

    public static Optional<Secret> find(Context<?> context, String name) {
        return context.getSecondaryResources(Secret.class).stream()
                .filter(s -> name.equals(s.getMetadata().getName())).findFirst();
    }

    public static String decode(String base64) {
        return base64 == null ? "" : new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }
}
