package dev.operator.discourse.workload;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

import io.fabric8.kubernetes.api.model.Secret;

/**
 * A digest of a Secret's data, put in a pod-template annotation so that rotating the Secret rolls the pods.
 * Only the digest leaves the Secret.
 */
public final class SecretChecksum {

    private SecretChecksum() {
    }

    public static String of(Secret secret) {
        Map<String, String> data = new TreeMap<>();
        if (secret.getData() != null) {
            data.putAll(secret.getData());
        }
        return digest(data);
    }

    /** Only the named keys: a change to an unrelated key of a shared Secret must not roll the pods. */
    public static String of(Secret secret, Collection<String> keys) {
        Map<String, String> data = new TreeMap<>();
        if (secret.getData() != null) {
            keys.stream().filter(secret.getData()::containsKey).forEach(k -> data.put(k, secret.getData().get(k)));
        }
        return digest(data);
    }

    private static String digest(Map<String, String> data) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, String> e : data.entrySet()) {
                digest.update(e.getKey().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(e.getValue() == null ? new byte[0] : e.getValue().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
