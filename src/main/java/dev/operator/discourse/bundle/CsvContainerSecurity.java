package dev.operator.discourse.bundle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * Gives the operator container of the generated ClusterServiceVersion's Deployment the chart's container
 * securityContext (the chart's {@code app.containerSecurityContext} default: read-only root, no privilege
 * escalation, every capability dropped, seccomp RuntimeDefault). quarkus-kubernetes, which writes the Deployment
 * the bundle generator copies, sets only the pod-level security context; the chart adds the container's from
 * its values (application.properties, {@code quarkus.helm.expressions.resources}), so the build copies the same
 * values into the CSV right after the bundle generator (exec-maven-plugin, see pom.xml). Build tooling: the
 * operator never calls it.
 */
public final class CsvContainerSecurity {

    /** The container the CSV's Deployment runs the operator in (quarkus.application.name). */
    static final String CONTAINER = "discourse-operator";

    private static final YAMLMapper YAML = YAMLMapper.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).build();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    private CsvContainerSecurity() {
    }

    /** @param args the bundle's manifests folder, the generated chart's values.yaml */
    public static void main(String[] args) throws IOException {
        Path manifests = Path.of(args[0]);
        Map<String, Object> values = YAML.readValue(Path.of(args[1]).toFile(), OBJECT);
        Path csvFile;
        try (var files = Files.list(manifests)) {
            csvFile = files.filter(p -> p.getFileName().toString().endsWith(".clusterserviceversion.yaml")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("No ClusterServiceVersion in " + manifests));
        }
        Map<String, Object> csv = YAML.readValue(csvFile.toFile(), OBJECT);
        apply(csv, containerSecurityContext(values));
        YAML.writeValue(csvFile.toFile(), csv);
    }

    /** The chart's {@code app.containerSecurityContext}. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> containerSecurityContext(Map<String, Object> values) {
        Object app = values.get("app");
        Object context = app instanceof Map<?, ?> map ? map.get("containerSecurityContext") : null;
        if (!(context instanceof Map<?, ?> found) || found.isEmpty()) {
            throw new IllegalStateException("the chart's values have no app.containerSecurityContext");
        }
        return (Map<String, Object>) found;
    }

    /** Sets the operator container's securityContext in every Deployment of the CSV's install strategy. */
    @SuppressWarnings("unchecked")
    static void apply(Map<String, Object> csv, Map<String, Object> securityContext) {
        Map<String, Object> install = (Map<String, Object>) ((Map<String, Object>) csv.get("spec")).get("install");
        List<Map<String, Object>> deployments = (List<Map<String, Object>>) ((Map<String, Object>) install.get("spec"))
                .get("deployments");
        int set = 0;
        for (Map<String, Object> deployment : deployments) {
            Map<String, Object> podSpec = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) deployment
                    .get("spec")).get("template")).get("spec");
            for (Map<String, Object> container : (List<Map<String, Object>>) podSpec.get("containers")) {
                if (CONTAINER.equals(container.get("name"))) {
                    container.put("securityContext", securityContext);
                    set++;
                }
            }
        }
        if (set == 0) {
            throw new IllegalStateException("the CSV deploys no container named " + CONTAINER);
        }
    }
}
