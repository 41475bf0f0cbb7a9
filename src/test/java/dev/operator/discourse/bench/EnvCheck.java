package dev.operator.discourse.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.SecretKeySelector;

/**
 * Whether a container carries the env entries the benchmark expects, compared by name, value and Secret
 * reference only: the API server adds nothing else to these entries, and a fabric8 equals() would also
 * compare fields (additionalProperties, optional) that say nothing about convergence.
 */
public final class EnvCheck {

    private EnvCheck() {
    }

    /** The names of expected entries that are absent from {@code actual} or differ there; empty when converged. */
    public static List<String> missing(List<EnvVar> expected, List<EnvVar> actual) {
        Map<String, String> live = new HashMap<>();
        if (actual != null) {
            for (EnvVar e : actual) {
                live.put(e.getName(), describe(e));
            }
        }
        List<String> missing = new ArrayList<>();
        for (EnvVar e : expected) {
            if (!describe(e).equals(live.get(e.getName()))) {
                missing.add(e.getName());
            }
        }
        return missing;
    }

    private static String describe(EnvVar e) {
        EnvVarSource from = e.getValueFrom();
        if (from == null) {
            return "=" + (e.getValue() == null ? "" : e.getValue());
        }
        SecretKeySelector secret = from.getSecretKeyRef();
        if (secret != null) {
            return "<-secret:" + secret.getName() + "/" + secret.getKey();
        }
        return "<-" + from; // field or config map references: compared as a whole
    }
}
