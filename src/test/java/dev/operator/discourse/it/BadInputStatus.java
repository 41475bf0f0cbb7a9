package dev.operator.discourse.it;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

/** Reads status.conditions of any of the operator's kinds, as the API server stores them. */
final class BadInputStatus {

    private BadInputStatus() {
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> conditions(GenericKubernetesResource object) {
        if (object == null || !(object.getAdditionalProperties().get("status") instanceof Map<?, ?> status)
                || !(status.get("conditions") instanceof List<?> conditions)) {
            return List.of();
        }
        return (List<Map<String, Object>>) conditions;
    }

    static boolean isTrue(GenericKubernetesResource object, String type) {
        return conditions(object).stream().anyMatch(c -> type.equals(c.get("type")) && "True".equals(c.get("status")));
    }
}
