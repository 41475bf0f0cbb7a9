package dev.operator.discourse.install;

import static dev.operator.discourse.install.BuildOutput.CHART;
import static dev.operator.discourse.install.BuildOutput.KUBERNETES;
import static dev.operator.discourse.install.BuildOutput.OPERATOR;
import static dev.operator.discourse.install.BuildOutput.ROOT;
import static dev.operator.discourse.install.BuildOutput.documents;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.operator.discourse.testsupport.KubeApiServer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;

/**
 * The committed files that are derived from the build or the samples, computed from them: what
 * {@code scripts/sync-manifests.sh} writes and {@link ManifestsInSyncTest} compares. Among them the whole
 * generated Helm chart, as kubernetes/helm/discourse-operator/, so that Helm users need no build.
 */
final class ManifestSync {

    static final String NAMESPACE = "discourse-operator-system";
    static final Path CRDS = ROOT.resolve("kubernetes/crds");
    static final Path INSTALL = ROOT.resolve("kubernetes/install.yaml");
    static final Path SAMPLES = ROOT.resolve("kubernetes/samples");
    static final Path ALM_EXAMPLES = ROOT.resolve("src/main/java/dev/operator/discourse/bundle/AlmExamples.java");
    static final String GROUP_PREFIX = "discourse.operator.dev/";
    static final Path OPERATOR_DASHBOARD = ROOT.resolve("grafana/discourse-operator.json");
    static final Path DASHBOARD_TEMPLATE = ROOT.resolve("src/main/helm/templates/_operator-dashboard.tpl");
    /** The generated chart, committed so that Helm users install it without building (target/helm/...). */
    static final Path COMMITTED_CHART = ROOT.resolve("kubernetes/helm/" + OPERATOR);
    /** A mapping entry with its value on the same line (a leaf), in a chart template: {@code name: value}. */
    private static final Pattern LEAF_ENTRY = Pattern.compile("^( *)[A-Za-z0-9_./\"'-]+: +\\S.*$");

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build();

    private ManifestSync() {
    }

    /** Every derived file, by path, with the content it should have. */
    static Map<Path, String> expected() {
        Map<Path, String> files = new TreeMap<>();
        for (Path crd : generatedCrds()) {
            String name = crd.getFileName().toString().replaceAll("-v1\\.yml$", ".yaml");
            files.put(CRDS.resolve(name), read(crd));
        }
        files.put(INSTALL, installYaml());
        files.put(ALM_EXAMPLES, almExamplesJava());
        files.put(DASHBOARD_TEMPLATE, dashboardTemplate());
        files.putAll(chartFiles());
        return files;
    }

    /** Every file of the generated chart, by where it is committed (kubernetes/helm/discourse-operator/...). */
    static Map<Path, String> chartFiles() {
        Map<Path, String> files = new TreeMap<>();
        Path chart = BuildOutput.require(CHART);
        try (Stream<Path> walk = Files.walk(chart)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(COMMITTED_CHART.resolve(chart.relativize(file).toString()), read(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /**
     * Whether a committed file holds what the build generated. Exact, except in the committed chart, where what
     * quarkus-kubernetes writes in no fixed order (labels, annotations: the order its build steps produce them)
     * must not make the committed copy look stale: JSON and plain YAML files are compared as data, templates with
     * each run of sibling one-line entries sorted ({@link #templateForComparison}).
     */
    static boolean matches(Path committed, String expected) {
        if (!Files.isRegularFile(committed)) {
            return false;
        }
        String actual = read(committed);
        if (actual.equals(expected)) {
            return true;
        }
        if (!committed.startsWith(COMMITTED_CHART)) {
            return false;
        }
        String name = committed.getFileName().toString();
        try {
            if (name.endsWith(".json")) {
                return JSON.readTree(actual).equals(JSON.readTree(expected));
            }
            boolean template = COMMITTED_CHART.relativize(committed).startsWith("templates");
            if (template && (name.endsWith(".yaml") || name.endsWith(".yml"))) {
                return templateDocuments(actual).equals(templateDocuments(expected));
            }
            if (name.endsWith(".yaml") || name.endsWith(".yml")) {
                return documents(actual).equals(documents(expected));
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
        return false;
    }

    /**
     * A template's documents, each compared as {@link #templateForComparison} says, in no order: quarkus-kubernetes
     * writes the reconcilers' ClusterRoles in the order its build steps meet them, which changes as kinds are added,
     * and the order of a template's documents changes nothing Helm installs.
     */
    static List<String> templateDocuments(String template) {
        return java.util.Arrays.stream(template.replace("\r\n", "\n").split("(?m)^---\\s*$"))
                .map(ManifestSync::templateForComparison).map(String::strip).filter(d -> !d.isEmpty()).sorted().toList();
    }

    /**
     * A chart template with every run of consecutive sibling leaf entries ({@code key: value} lines at the same
     * indentation, list items and template actions excluded) sorted: mapping keys have no order, so this changes
     * nothing Helm renders, and it hides the order in which quarkus-kubernetes happened to write labels.
     */
    static String templateForComparison(String template) {
        List<String> lines = template.replace("\r\n", "\n").lines().toList();
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            int indent = leafIndent(lines.get(i));
            if (indent < 0) {
                out.add(lines.get(i++));
                continue;
            }
            int end = i;
            while (end < lines.size() && leafIndent(lines.get(end)) == indent) {
                end++;
            }
            lines.subList(i, end).stream().sorted().forEach(out::add);
            i = end;
        }
        return String.join("\n", out);
    }

    /** The indentation of a leaf entry line, or -1 for any other line (block scalars included). */
    private static int leafIndent(String line) {
        Matcher m = LEAF_ENTRY.matcher(line);
        if (!m.matches() || line.strip().startsWith("{{") || line.matches(".*: *[|>][-+]?$")) {
            return -1;
        }
        return m.group(1).length();
    }

    /** The CRDs the build generated from the API classes (target/kubernetes/*-v1.yml). */
    static List<Path> generatedCrds() {
        try (Stream<Path> files = Files.list(BuildOutput.require(KUBERNETES))) {
            return files.filter(p -> p.getFileName().toString().endsWith("-v1.yml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The chart rendered with its default values into {@value #NAMESPACE}, plus that namespace: what
     * {@code helm install} would create, for clusters without Helm. CRDs stay in kubernetes/crds/.
     */
    private static final List<String> INSTALL_ORDER = List.of("Namespace", "ServiceAccount", "Secret", "ConfigMap",
            "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding", "Service", "Deployment");

    private static int installRank(String kind) {
        int rank = INSTALL_ORDER.indexOf(kind);
        return rank < 0 ? INSTALL_ORDER.size() : rank;
    }

    static String installYaml() {
        String rendered = new Helm(BuildOutput.require(CHART)).template()
                .withName(OPERATOR).withNamespace(NAMESPACE).withKubeVersion(KubeApiServer.VERSION).skipCrds().call();
        return """
                # Generated by scripts/sync-manifests.sh: the Helm chart rendered with its default values (every
                # namespace watched) into the namespace %1$s. Do not edit; change the chart's
                # sources (application.properties, src/main/helm/) and rerun the script.
                # Install: kubectl apply -f kubernetes/crds/ -f kubernetes/install.yaml
                ---
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: %1$s
                  labels:
                    pod-security.kubernetes.io/enforce: restricted
                """.formatted(NAMESPACE) + canonical(rendered);
    }

    /**
     * The documents with their keys sorted: quarkus-kubernetes writes some labels in no fixed order, and the
     * committed file must not change from one build to the next.
     */
    static String canonical(String yaml) {
        StringBuilder out = new StringBuilder();
        // in Helm's install order, then by name: the chart's templates hold their documents in no fixed order
        List<Map<String, Object>> docs = new ArrayList<>(documents(yaml));
        docs.sort(java.util.Comparator.comparing((Map<String, Object> d) -> installRank(String.valueOf(d.get("kind"))))
                .thenComparing(d -> String.valueOf(d.get("kind")))
                .thenComparing(d -> d.get("metadata") instanceof Map<?, ?> m ? String.valueOf(m.get("name")) : ""));
        for (Map<String, Object> doc : docs) {
            try {
                out.append(YAML.writeValueAsString(sorted(doc)));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return out.toString();
    }

    @SuppressWarnings("unchecked")
    private static Object sorted(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> result = new TreeMap<>();
            map.forEach((k, v) -> result.put((String) k, sorted(v)));
            return result;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(ManifestSync::sorted).toList();
        }
        return value;
    }

    /** The custom resources of kubernetes/samples/, in file order: the CSV's alm-examples. */
    static List<Map<String, Object>> sampleResources() {
        List<Map<String, Object>> resources = new ArrayList<>();
        try (Stream<Path> files = Files.list(SAMPLES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                documents(file).stream()
                        .filter(d -> String.valueOf(d.get("apiVersion")).startsWith(GROUP_PREFIX))
                        .forEach(resources::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return resources;
    }

    /**
     * The chart's template of the operator's dashboard ConfigMap. quarkus-helm copies only `_*` files and `define`
     * blocks from src/main/helm/templates, and a chart cannot read files outside itself, so the dashboard is
     * written into the define; Grafana's own `{{label}}` legends are escaped from Helm.
     */
    static String dashboardTemplate() {
        String body = read(OPERATOR_DASHBOARD).replace("\r\n", "\n").replace("{{", "{{ \"{{\" }}").strip()
                .lines().map(line -> "    " + line).reduce((a, b) -> a + "\n" + b).orElse("");
        return """
                {{/*
                Generated by scripts/sync-manifests.sh from grafana/discourse-operator.json; do not edit
                (ManifestsInSyncTest fails when it differs). The operator's own dashboard as a ConfigMap for the
                Grafana sidecar, with app.grafanaDashboard.enabled; included from the generated ServiceAccount,
                like namespacedRbac (see quarkus.helm.expressions.sa-namespace in application.properties).
                */}}
                {{- define "discourse-operator.dashboard" }}
                {{- if .Values.app.grafanaDashboard.enabled }}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: {{ .Chart.Name }}-dashboard
                  namespace: {{ .Release.Namespace }}
                  labels:
                    {{ .Values.app.grafanaDashboard.label }}: {{ .Values.app.grafanaDashboard.labelValue | quote }}
                    app.kubernetes.io/part-of: {{ .Chart.Name }}
                data:
                  discourse-operator.json: |-
                %s
                {{- end }}
                {{- end }}
                """.formatted(body);
    }

    static String almExamplesJava() {
        String json;
        try {
            json = JSON.writeValueAsString(sampleResources());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        String textBlock = json.replace("\\", "\\\\").replace("\"\"\"", "\\\"\"\"").replace("\r\n", "\n")
                .lines().map(line -> "            " + line).reduce((a, b) -> a + "\n" + b).orElse("");
        return """
                package dev.operator.discourse.bundle;

                /**
                 * The custom resources of kubernetes/samples/ as JSON: the OLM bundle's alm-examples.
                 * Generated by scripts/sync-manifests.sh; do not edit (ManifestsInSyncTest fails when it differs).
                 */
                public final class AlmExamples {

                    public static final String JSON = \"""
                %s
                            \""";

                    private AlmExamples() {
                    }
                }
                """.formatted(textBlock);
    }

    static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Committed files under a derived folder that the build no longer generates. */
    static List<Path> stale(Path dir, Map<Path, String> files) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> committed = Files.walk(dir)) {
            return committed.filter(Files::isRegularFile).filter(p -> !files.containsKey(p)).sorted().toList();
        }
    }

    /** Writes every derived file; removes committed CRDs and chart files the build no longer generates. */
    static List<Path> write() throws IOException {
        Map<Path, String> files = expected();
        List<Path> changed = new ArrayList<>();
        for (Path dir : List.of(CRDS, COMMITTED_CHART)) {
            for (Path stale : stale(dir, files)) {
                Files.delete(stale);
                changed.add(stale);
            }
        }
        for (Map.Entry<Path, String> file : files.entrySet()) {
            if (!matches(file.getKey(), file.getValue())) {
                Files.createDirectories(file.getKey().getParent());
                Files.writeString(file.getKey(), file.getValue());
                changed.add(file.getKey());
            }
        }
        return changed;
    }
}
