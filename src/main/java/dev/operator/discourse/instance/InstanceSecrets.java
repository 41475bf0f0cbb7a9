package dev.operator.discourse.instance;

import static dev.operator.discourse.instance.ConfigValidator.blank;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import dev.operator.discourse.api.v1alpha1.DiscourseInstanceSpec;
import dev.operator.discourse.api.v1alpha1.SecretKeyRef;
import io.fabric8.kubernetes.api.model.Secret;

/**
 * The Secret keys an instance's spec names (SMTP, S3, OIDC, extraEnv), checked before anything rolls out: a
 * missing one would otherwise surface only as pods that cannot start (CreateContainerConfigError).
 */
public final class InstanceSecrets {

    private InstanceSecrets() {
    }

    /** Each named key, by the spec field that names it. */
    public static Map<String, SecretKeyRef> named(DiscourseInstanceSpec spec) {
        Map<String, SecretKeyRef> refs = new LinkedHashMap<>();
        if (!blank(spec.getSmtp().getAddress()) && SecretKeyRef.isSet(spec.getSmtp().getPasswordSecretRef())) {
            refs.put("smtp.passwordSecretRef", spec.getSmtp().getPasswordSecretRef());
        }
        if (spec.getS3().isEnabled()) {
            putIfSet(refs, "s3.accessKeyIdSecretRef", spec.getS3().getAccessKeyIdSecretRef());
            putIfSet(refs, "s3.secretAccessKeySecretRef", spec.getS3().getSecretAccessKeySecretRef());
        }
        if (spec.getOidc().configured()) {
            putIfSet(refs, "oidc.clientSecretRef", spec.getOidc().getClientSecretRef());
        }
        for (var env : spec.getExtraEnv()) {
            var ref = env.getValueFrom() == null ? null : env.getValueFrom().getSecretKeyRef();
            if (ref != null && !Boolean.TRUE.equals(ref.getOptional()) && !blank(ref.getName()) && !blank(ref.getKey())) {
                refs.put("extraEnv " + env.getName(), new SecretKeyRef(ref.getName(), ref.getKey()));
            }
        }
        return refs;
    }

    private static void putIfSet(Map<String, SecretKeyRef> refs, String field, SecretKeyRef ref) {
        if (SecretKeyRef.isSet(ref)) {
            refs.put(field, ref);
        }
    }

    /** What is wrong with the named keys; each Secret is read once. */
    public static List<String> problems(DiscourseInstanceSpec spec, Function<String, Optional<Secret>> read) {
        Map<String, Optional<Secret>> secrets = new HashMap<>();
        List<String> problems = new ArrayList<>();
        named(spec).forEach((field, ref) -> {
            Optional<Secret> secret = secrets.computeIfAbsent(ref.getName(), read);
            if (secret.isEmpty()) {
                problems.add("Secret " + ref.getName() + " (" + field + ") not found");
            } else if (!has(secret.get(), ref.getKey())) {
                problems.add("Secret " + ref.getName() + " has no key " + ref.getKey() + " (" + field + ")");
            }
        });
        return problems;
    }

    private static boolean has(Secret secret, String key) {
        return (secret.getData() != null && secret.getData().containsKey(key))
                || (secret.getStringData() != null && secret.getStringData().containsKey(key));
    }
}
