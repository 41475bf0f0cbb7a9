package dev.operator.discourse.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

/**
 * Reads a StatefulSet's managedFields the way the API server wrote them: which env entries of the discourse
 * container and which pod-template annotations each field manager owns.
 */
public final class ManagedFields {

    private ManagedFields() {
    }

    public static Set<String> managers(StatefulSet sts) {
        Set<String> managers = new TreeSet<>();
        sts.getMetadata().getManagedFields().forEach(f -> managers.add(f.getManager()));
        return managers;
    }

    /** Env names owned by the manager in the container named "discourse". */
    public static Set<String> env(StatefulSet sts, String manager) {
        Set<String> names = new TreeSet<>();
        for (Map<String, Object> fields : fieldsOf(sts, manager)) {
            Map<String, Object> containers = path(fields, "f:spec", "f:template", "f:spec", "f:containers");
            Map<String, Object> env = path(containers, "k:{\"name\":\"discourse\"}", "f:env");
            env.keySet().stream().filter(k -> k.startsWith("k:{\"name\":\""))
                    .map(k -> k.substring("k:{\"name\":\"".length(), k.length() - 2)).forEach(names::add);
        }
        return names;
    }

    /** Pod volume names owned by the manager. */
    public static Set<String> volumes(StatefulSet sts, String manager) {
        Set<String> names = new TreeSet<>();
        for (Map<String, Object> fields : fieldsOf(sts, manager)) {
            path(fields, "f:spec", "f:template", "f:spec", "f:volumes").keySet().stream()
                    .filter(k -> k.startsWith("k:{\"name\":\""))
                    .map(k -> k.substring("k:{\"name\":\"".length(), k.length() - 2)).forEach(names::add);
        }
        return names;
    }

    /** Pod-template annotation keys owned by the manager. */
    public static Set<String> templateAnnotations(StatefulSet sts, String manager) {
        Set<String> keys = new TreeSet<>();
        for (Map<String, Object> fields : fieldsOf(sts, manager)) {
            path(fields, "f:spec", "f:template", "f:metadata", "f:annotations").keySet().stream()
                    .filter(k -> k.startsWith("f:")).map(k -> k.substring(2)).forEach(keys::add);
        }
        return keys;
    }

    /** Every field set the manager owns on any object, as the API server records it (fieldsV1). */
    public static List<Map<String, Object>> owned(HasMetadata object, String manager) {
        List<Map<String, Object>> owned = new ArrayList<>();
        fieldsOf(object, manager).forEach(owned::add);
        return owned;
    }

    @SuppressWarnings("unchecked")
    private static Iterable<Map<String, Object>> fieldsOf(HasMetadata object, String manager) {
        return object.getMetadata().getManagedFields().stream().filter(f -> manager.equals(f.getManager()))
                .map(ManagedFieldsEntry::getFieldsV1).filter(f -> f != null && f.getAdditionalProperties() != null)
                .map(f -> (Map<String, Object>) (Map<String, ?>) f.getAdditionalProperties()).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> path(Map<String, Object> root, String... keys) {
        Map<String, Object> node = root;
        for (String key : keys) {
            Object next = node.get(key);
            if (!(next instanceof Map)) {
                return Map.of();
            }
            node = (Map<String, Object>) next;
        }
        return node;
    }
}
