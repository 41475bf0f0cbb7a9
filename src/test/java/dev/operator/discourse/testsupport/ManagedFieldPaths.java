package dev.operator.discourse.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * A managedFields entry's field set as one line per field it owns, sorted, e.g.
 * {@code spec.template.spec.containers[name=discourse].env[name=DISCOURSE_DB_HOST].valueFrom.secretKeyRef.key}.
 * The API server's fieldsV1 (nested {@code f:}, {@code k:{...}}, {@code v:} and {@code "."} keys) says the same
 * but is hard to review in a diff, and one line per field lets a reviewer grep who owns a given field.
 */
public final class ManagedFieldPaths {

    /** Field names written bare; anything else (an annotation key, a label) is quoted as jq does. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_$-]+");

    private ManagedFieldPaths() {
    }

    public static List<String> of(ManagedFieldsEntry entry) {
        if (entry.getFieldsV1() == null || entry.getFieldsV1().getAdditionalProperties() == null) {
            return List.of();
        }
        return of(entry.getFieldsV1().getAdditionalProperties());
    }

    public static List<String> of(Map<String, Object> fieldsV1) {
        List<String> paths = new ArrayList<>();
        walk("", fieldsV1, paths);
        paths.sort(null);
        return paths;
    }

    @SuppressWarnings("unchecked")
    private static void walk(String at, Map<String, Object> node, List<String> paths) {
        for (Map.Entry<String, Object> e : node.entrySet()) {
            if (".".equals(e.getKey())) {
                // the list item or map itself is owned, not only what is inside it
                paths.add(at);
                continue;
            }
            String path = at + segment(e.getKey(), at.isEmpty());
            Map<String, Object> children = e.getValue() instanceof Map ? (Map<String, Object>) e.getValue() : Map.of();
            if (children.isEmpty()) {
                paths.add(path);
            } else {
                walk(path, children, paths);
            }
        }
    }

    static String segment(String key, boolean first) {
        String value = key.substring(2);
        return switch (key.substring(0, 2)) {
            case "f:" -> PLAIN.matcher(value).matches() ? (first ? "" : ".") + value
                    : (first ? "" : ".") + '"' + value + '"';
            case "k:" -> "[" + object(value).entrySet().stream()
                    .map(k -> k.getKey() + "=" + scalar(k.getValue())).collect(Collectors.joining(",")) + "]";
            case "v:" -> "[" + scalar(Serialization.unmarshal(value, Object.class)) + "]";
            case "i:" -> "[" + value + "]";
            default -> throw new IllegalArgumentException("not a fieldsV1 key: " + key);
        };
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(String json) {
        return Serialization.unmarshal(json, Map.class);
    }

    private static String scalar(Object value) {
        return value instanceof Map || value instanceof List ? Serialization.asJson(value) : String.valueOf(value);
    }
}
