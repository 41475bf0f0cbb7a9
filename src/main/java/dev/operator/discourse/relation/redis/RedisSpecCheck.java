package dev.operator.discourse.relation.redis;

import java.util.ArrayList;
import java.util.List;

import dev.operator.discourse.api.v1alpha1.RedisRelation;
import dev.operator.discourse.api.v1alpha1.SecretKeyRef;

/** What the schema lets through that no Redis could be reached by. */
final class RedisSpecCheck {

    private RedisSpecCheck() {
    }

    static List<String> problems(RedisRelation relation) {
        var spec = relation.getSpec();
        List<String> problems = new ArrayList<>();
        if (spec.effectiveHost(relation.getMetadata().getNamespace()).isEmpty()) {
            problems.add("Set spec.host or spec.serviceRef");
        }
        if (spec.getPasswordSecretRef() != null && !SecretKeyRef.isSet(spec.getPasswordSecretRef())) {
            problems.add("spec.passwordSecretRef needs both name and key");
        }
        return problems;
    }
}
