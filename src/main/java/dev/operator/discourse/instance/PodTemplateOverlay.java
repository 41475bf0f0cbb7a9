package dev.operator.discourse.instance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.operator.discourse.api.v1alpha1.DiscourseInstanceSpec;
import dev.operator.discourse.relation.database.DatabaseEnv;
import dev.operator.discourse.workload.RelationEnv;
import dev.operator.discourse.workload.WorkloadNames;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * spec.unsupported.podTemplate merged over the pod the operator makes: maps merge, lists of named items merge by
 * name, anything else replaces. {@link #problems} says what it may not touch; the reconciler merges only a spec
 * without problems.
 */
public final class PodTemplateOverlay {

    private static final Set<String> NAMED_LISTS = Set.of("containers", "initContainers", "volumes", "env",
            "volumeMounts", "ports", "imagePullSecrets", "ephemeralContainers");
    private static final Set<String> OPERATOR_VOLUMES = Set.of("uploads", DatabaseEnv.CA_VOLUME);
    private static final Set<String> FORBIDDEN_CONTAINER_FIELDS = Set.of("securityContext", "image", "command", "args");
    private static final ObjectMapper JSON = Serialization.jsonMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private PodTemplateOverlay() {
    }

    /** What the template may not do, each said so that the user can fix it; empty when it may be merged. */
    public static List<String> problems(DiscourseInstanceSpec spec) {
        Map<String, Object> template = template(spec);
        List<String> problems = new ArrayList<>();
        if (template == null) {
            return problems;
        }
        String at = "unsupported.podTemplate";
        try {
            JSON.convertValue(template, PodTemplateSpec.class);
        } catch (IllegalArgumentException e) {
            problems.add(at + " is not a pod template: " + e.getMessage().lines().findFirst().orElse(""));
            return problems;
        }
        map(template, "metadata").flatMap(m -> map(m, "labels")).ifPresent(labels -> labels.keySet().stream()
                .filter(k -> k.startsWith("app.kubernetes.io/")).sorted()
                .forEach(k -> problems.add(at + ".metadata.labels must not set " + k + ": the operator's selectors use it")));
        var podSpec = map(template, "spec");
        if (podSpec.isEmpty()) {
            return problems;
        }
        if (podSpec.get().containsKey("securityContext")) {
            problems.add(at + ".spec.securityContext is the operator's: Discourse runs as its non-root user, restricted");
        }
        for (Map<String, Object> volume : named(podSpec.get(), "volumes")) {
            if (OPERATOR_VOLUMES.contains(volume.get("name"))) {
                problems.add(at + ".spec.volumes must not name " + volume.get("name") + ": the operator or a relation mounts it");
            }
        }
        Set<String> reserved = InstanceEnv.reservedNames(spec);
        for (Map<String, Object> container : named(podSpec.get(), "containers")) {
            if (!WorkloadNames.CONTAINER.equals(container.get("name"))) {
                continue;
            }
            String c = at + ".spec.containers[" + WorkloadNames.CONTAINER + "]";
            FORBIDDEN_CONTAINER_FIELDS.stream().filter(container::containsKey).sorted().forEach(f -> problems.add(c + "." + f
                    + " is the operator's: " + (f.equals("securityContext") ? "Discourse runs restricted"
                            : "spec.image and spec.sidekiq say what the container runs")));
            for (Map<String, Object> env : named(container, "env")) {
                Object name = env.get("name");
                if (name instanceof String n && (reserved.contains(n) || RelationEnv.isRelationOwned(n))) {
                    problems.add(c + ".env must not set " + n + ": the operator or a relation sets it");
                }
            }
        }
        return problems;
    }

    /** The desired pod with the user's template merged over it; the desired pod itself when there is none. */
    public static PodTemplateSpec apply(PodTemplateSpec desired, DiscourseInstanceSpec spec) {
        Map<String, Object> template = template(spec);
        if (template == null || template.isEmpty()) {
            return desired;
        }
        Map<String, Object> merged = JSON.convertValue(desired, MAP);
        merge(merged, template);
        return JSON.convertValue(merged, PodTemplateSpec.class);
    }

    @SuppressWarnings("unchecked")
    static void merge(Map<String, Object> base, Map<String, Object> overlay) {
        for (Map.Entry<String, Object> e : overlay.entrySet()) {
            Object mine = base.get(e.getKey());
            Object theirs = e.getValue();
            if (mine instanceof Map && theirs instanceof Map) {
                merge((Map<String, Object>) mine, (Map<String, Object>) theirs);
            } else if (mine instanceof List && theirs instanceof List && NAMED_LISTS.contains(e.getKey())) {
                base.put(e.getKey(), mergeByName((List<Object>) mine, (List<Object>) theirs));
            } else {
                base.put(e.getKey(), deepCopy(theirs));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Object> mergeByName(List<Object> base, List<Object> overlay) {
        List<Object> merged = new ArrayList<>();
        base.forEach(item -> merged.add(deepCopy(item)));
        for (Object item : overlay) {
            Object name = item instanceof Map ? ((Map<String, Object>) item).get("name") : null;
            int at = -1;
            for (int i = 0; name != null && i < merged.size(); i++) {
                if (merged.get(i) instanceof Map && name.equals(((Map<String, Object>) merged.get(i)).get("name"))) {
                    at = i;
                }
            }
            if (at >= 0) {
                merge((Map<String, Object>) merged.get(at), (Map<String, Object>) item);
            } else {
                merged.add(deepCopy(item));
            }
        }
        return merged;
    }

    private static Object deepCopy(Object value) {
        return value == null ? null : JSON.convertValue(value, Object.class);
    }

    private static Map<String, Object> template(DiscourseInstanceSpec spec) {
        return spec.getUnsupported() == null ? null : spec.getUnsupported().getPodTemplate();
    }

    @SuppressWarnings("unchecked")
    private static java.util.Optional<Map<String, Object>> map(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        return value instanceof Map ? java.util.Optional.of((Map<String, Object>) value) : java.util.Optional.empty();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> named(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        List<Map<String, Object>> items = new ArrayList<>();
        if (value instanceof List<?> list) {
            list.stream().filter(Map.class::isInstance).forEach(i -> items.add(new LinkedHashMap<>((Map<String, Object>) i)));
        }
        return items;
    }
}
