package dev.operator.discourse.it;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

import dev.operator.discourse.api.v1alpha1.DiscourseInstance;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;

/**
 * Small builders for the bad input: specs as plain maps (so a case can carry any text the CRD schema allows,
 * including what the typed API classes would normalise), and the odd strings the cases are made of.
 */
final class BadInputSpecs {

    static final String API_VERSION = DiscourseInstance.GROUP + "/v1alpha1";

    /** Free text that is neither ASCII nor one script: accents, CJK, emoji (outside the BMP), symbols, RTL. */
    static final String UNICODE = "héllo wörld 👋 世界 — ½∑ø ✓ שלום";

    private BadInputSpecs() {
    }

    /** An ordered map from alternating keys and values; a null value leaves the key out. */
    static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                map.put((String) keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return map;
    }

    static Map<String, Object> ref(String name) {
        return map("name", name);
    }

    static Map<String, Object> keyRef(String name, String key) {
        return map("name", name, "key", key);
    }

    /** {@code unit} repeated until the string is {@code length} characters long (the last copy cut). */
    static String repeat(String unit, int length) {
        StringBuilder s = new StringBuilder(length + unit.length());
        while (s.length() < length) {
            s.append(unit);
        }
        return s.substring(0, length);
    }

    static <T> List<T> many(int count, IntFunction<T> entry) {
        List<T> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            list.add(entry.apply(i));
        }
        return list;
    }

    /** A DNS name of {@code labels} labels of 60 characters each: valid label by label, too long as a whole. */
    static String longDnsName(int labels) {
        List<String> parts = many(labels, i -> repeat(Integer.toString(i % 10), 60));
        return String.join(".", parts);
    }

    static GenericKubernetesResource object(String kind, String name, String namespace, Map<String, Object> spec) {
        GenericKubernetesResource object = new GenericKubernetesResource();
        object.setApiVersion(API_VERSION);
        object.setKind(kind);
        object.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        object.setAdditionalProperty("spec", spec);
        return object;
    }
}
