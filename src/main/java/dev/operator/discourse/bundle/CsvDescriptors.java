package dev.operator.discourse.bundle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * Adds spec and status descriptors to the owned CRDs of the generated ClusterServiceVersion, made from the CRDs'
 * own schemas (each top-level field with its description; the conditions marked as such). The bundle generator
 * of this version has no way to express them, so the build runs this right after it (exec-maven-plugin, see
 * pom.xml). Build tooling: the operator never calls it.
 */
public final class CsvDescriptors {

    static final String CONDITIONS = "urn:alm:descriptor:io.kubernetes.conditions";

    private static final YAMLMapper YAML = YAMLMapper.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).build();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    private CsvDescriptors() {
    }

    /** @param args the bundle's manifests folder */
    public static void main(String[] args) throws IOException {
        Path manifests = Path.of(args[0]);
        Path csvFile;
        try (var files = Files.list(manifests)) {
            csvFile = files.filter(p -> p.getFileName().toString().endsWith(".clusterserviceversion.yaml")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("No ClusterServiceVersion in " + manifests));
        }
        Map<String, Object> csv = YAML.readValue(csvFile.toFile(), OBJECT);
        for (Map<String, Object> owned : owned(csv)) {
            Path crdFile = manifests.resolve(owned.get("name") + "-v1.crd.yml");
            owned.putAll(descriptors(YAML.readValue(crdFile.toFile(), OBJECT)));
        }
        YAML.writeValue(csvFile.toFile(), csv);
    }

    /** specDescriptors and statusDescriptors for a CRD's first version. */
    static Map<String, Object> descriptors(Map<String, Object> crd) {
        Map<String, Object> schema = path(crd, "spec", "versions", "0", "schema", "openAPIV3Schema", "properties");
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("specDescriptors", fields(path(schema, "spec", "properties")));
        result.put("statusDescriptors", fields(path(schema, "status", "properties")));
        return result;
    }

    private static List<Map<String, Object>> fields(Map<String, Object> properties) {
        List<Map<String, Object>> descriptors = new ArrayList<>();
        properties.forEach((name, value) -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> property = (Map<String, Object>) value;
            Map<String, Object> descriptor = new LinkedHashMap<>();
            descriptor.put("path", name);
            descriptor.put("displayName", displayName(name));
            if (property.get("description") != null) {
                descriptor.put("description", property.get("description"));
            }
            if ("conditions".equals(name)) {
                descriptor.put("x-descriptors", List.of(CONDITIONS));
            }
            descriptors.add(descriptor);
        });
        return descriptors;
    }

    /** instanceRef -> Instance ref, s3 -> S3. */
    static String displayName(String field) {
        String words = field.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase();
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> owned(Map<String, Object> csv) {
        Map<String, Object> crds = path(csv, "spec", "customresourcedefinitions");
        return (List<Map<String, Object>>) crds.getOrDefault("owned", List.of());
    }

    /** Follows map keys and list indexes; an absent step yields an empty map. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> path(Map<String, Object> root, String... steps) {
        Object current = root;
        for (String step : steps) {
            if (current instanceof Map<?, ?> map) {
                current = map.get(step);
            } else if (current instanceof List<?> list && step.chars().allMatch(Character::isDigit)
                    && Integer.parseInt(step) < list.size()) {
                current = list.get(Integer.parseInt(step));
            } else {
                current = null;
            }
            if (current == null) {
                return new LinkedHashMap<>();
            }
        }
        return current instanceof Map<?, ?> ? (Map<String, Object>) current : new LinkedHashMap<>();
    }
}
