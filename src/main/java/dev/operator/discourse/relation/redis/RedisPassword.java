package dev.operator.discourse.relation.redis;

import java.util.List;

import dev.operator.discourse.api.v1alpha1.SecretKeyRef;
import dev.operator.discourse.relation.RelationSecrets;
import dev.operator.discourse.workload.SecretChecksum;
import io.fabric8.kubernetes.api.model.Secret;

/** The password a RedisRelation's Secret holds, or why it holds none that Discourse could use. */
sealed interface RedisPassword {

    record Found(String password, String checksum) implements RedisPassword {
    }

    record Unusable(String message) implements RedisPassword {
    }

    static RedisPassword of(Secret secret, SecretKeyRef ref) {
        if (secret.getData() == null || !secret.getData().containsKey(ref.getKey())) {
            return new Unusable("Secret " + ref.getName() + " has no key " + ref.getKey());
        }
        String password = RelationSecrets.decode(secret.getData().get(ref.getKey()));
        if (password.isEmpty()) {
            // Discourse reads an empty DISCOURSE_REDIS_PASSWORD as none: a named but empty key is a mistake
            return new Unusable("Secret " + ref.getName() + " key " + ref.getKey() + " is empty; leave "
                    + "spec.passwordSecretRef out for a Redis without a password");
        }
        return new Found(password, SecretChecksum.of(secret, List.of(ref.getKey())));
    }
}
