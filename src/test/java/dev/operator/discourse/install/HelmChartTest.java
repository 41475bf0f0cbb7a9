package dev.operator.discourse.install;

import static dev.operator.discourse.install.BuildOutput.CHART;
import static dev.operator.discourse.install.BuildOutput.KUBERNETES;
import static dev.operator.discourse.install.BuildOutput.OPERATOR;
import static dev.operator.discourse.install.BuildOutput.documents;
import static dev.operator.discourse.install.BuildOutput.list;
import static dev.operator.discourse.install.BuildOutput.map;
import static dev.operator.discourse.install.BuildOutput.name;
import static dev.operator.discourse.install.BuildOutput.namespacesEnv;
import static dev.operator.discourse.install.BuildOutput.ofKind;
import static dev.operator.discourse.install.BuildOutput.reconcilerNames;
import static dev.operator.discourse.install.BuildOutput.require;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.operator.discourse.testsupport.KubeApiServer;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;

/**
 * The generated chart (target/helm/kubernetes/discourse-operator), linted and rendered by Helm itself
 * (helm-java), checked against what the build generated: the reconcilers found in target/classes and the
 * ClusterRoles the operator SDK derived from them (target/kubernetes/kubernetes.yml).
 */
class HelmChartTest {

    static final String RELEASE_NAMESPACE = "operators";
    /** Kubernetes' cluster-scoped resources an operator might read (RoleBindings cannot grant them). */
    static final List<String> CLUSTER_SCOPED = List.of("namespaces", "nodes", "persistentvolumes", "storageclasses",
            "ingressclasses", "gatewayclasses", "customresourcedefinitions", "clusterroles", "clusterrolebindings",
            "priorityclasses", "runtimeclasses", "csidrivers", "csinodes", "volumeattachments",
            "mutatingwebhookconfigurations", "validatingwebhookconfigurations", "apiservices",
            "certificatesigningrequests", "clusterissuers");
    /** Where the hint for an unwired reconciler sends its reader. */
    static final String ADDING_A_RECONCILER = "docs/development.md, Adding a reconciler";
    static List<String> reconcilers;
    static List<Map<String, Object>> generated;

    @BeforeAll
    static void buildOutput() {
        require(CHART.resolve("Chart.yaml"));
        reconcilers = reconcilerNames();
        generated = documents(KUBERNETES.resolve("kubernetes.yml"));
    }

    static List<Map<String, Object>> render(Map<String, Object> values) {
        TemplateCommand template = new Helm(CHART).template().withName(OPERATOR).withNamespace(RELEASE_NAMESPACE)
                .withKubeVersion(KubeApiServer.VERSION);
        values.forEach(template::set);
        return documents(template.call());
    }

    static List<Map<String, Object>> render() {
        return render(Map.of());
    }

    /** helm-java hands --set values over one by one: a list is set item by item. */
    static Map<String, Object> namespaced(String... namespaces) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("app.watchAllNamespaces", false);
        for (int i = 0; i < namespaces.length; i++) {
            values.put("app.watchNamespaces[" + i + "]", namespaces[i]);
        }
        return values;
    }

    static Map<String, Object> deployment(List<Map<String, Object>> docs) {
        List<Map<String, Object>> deployments = ofKind(docs, "Deployment");
        assertThat(deployments).hasSize(1);
        return deployments.get(0);
    }

    static Map<String, Object> container(List<Map<String, Object>> docs) {
        List<Map<String, Object>> containers = list(deployment(docs), "spec", "template", "spec", "containers");
        assertThat(containers).hasSize(1);
        return containers.get(0);
    }

    static Map<String, String> env(List<Map<String, Object>> docs) {
        return list(container(docs), "env").stream().filter(e -> e.containsKey("value"))
                .collect(Collectors.toMap(e -> (String) e.get("name"), e -> String.valueOf(e.get("value"))));
    }

    @Test
    void lintsCleanInStrictMode() {
        LintResult result = new Helm(CHART).lint().strict().call();
        assertThat(result.isFailed()).as("helm lint --strict: %s", result.getMessages()).isFalse();
    }

    @Test
    void deploymentIsHardened() {
        List<Map<String, Object>> docs = render();
        Map<String, Object> podSecurity = map(deployment(docs), "spec", "template", "spec", "securityContext");
        assertThat(podSecurity).containsEntry("runAsNonRoot", true);
        assertThat((Integer) podSecurity.get("runAsUser")).isPositive();

        Map<String, Object> security = map(container(docs), "securityContext");
        assertThat(security)
                .containsEntry("runAsNonRoot", true)
                .containsEntry("readOnlyRootFilesystem", true)
                .containsEntry("allowPrivilegeEscalation", false);
        assertThat(map(security, "capabilities")).containsEntry("drop", List.of("ALL")).doesNotContainKey("add");
        assertThat(map(security, "seccompProfile")).containsEntry("type", "RuntimeDefault");

        assertThat(map(deployment(docs), "spec", "template", "spec"))
                .containsEntry("serviceAccountName", OPERATOR);
        // with a read-only root, /tmp is an emptyDir
        assertThat(list(container(docs), "volumeMounts")).anySatisfy(m -> assertThat(m).containsEntry("mountPath", "/tmp"));
        assertThat(list(deployment(docs), "spec", "template", "spec", "volumes"))
                .anySatisfy(v -> assertThat(v).containsKey("emptyDir"));
        assertThat(ofKind(docs, "ServiceAccount")).singleElement()
                .satisfies(sa -> assertThat(map(sa, "metadata")).containsEntry("namespace", RELEASE_NAMESPACE));
    }

    @Test
    void namespacedObjectsLandInTheReleaseNamespace() {
        // `helm template | kubectl apply` and install.yaml must not depend on the reader's current namespace
        List<String> clusterScoped = List.of("ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition");
        for (Map<String, Object> values : List.of(Map.<String, Object>of("app.serviceMonitor.enabled", true),
                namespaced("team-a"))) {
            for (Map<String, Object> doc : render(values)) {
                String kind = (String) doc.get("kind");
                String expected = "RoleBinding".equals(kind) ? "team-a"
                        : clusterScoped.contains(kind) ? null : RELEASE_NAMESPACE;
                assertThat(map(doc, "metadata").get("namespace")).as("%s %s", kind, name(doc)).isEqualTo(expected);
            }
        }
    }

    @Test
    void imageResourcesAndLogLevelComeFromValues() {
        List<Map<String, Object>> defaults = render();
        assertThat((String) container(defaults).get("image"))
                .startsWith("ghcr.io/discourse-operator/discourse-operator:");
        assertThat(map(container(defaults), "resources", "limits")).containsEntry("memory", "512Mi");
        assertThat(env(defaults)).containsEntry("QUARKUS_LOG_LEVEL", "INFO");

        List<Map<String, Object>> custom = render(Map.of(
                "app.image", "registry.example.com/ops/discourse-operator:1.2.3",
                "app.resources.limits.memory", "1Gi",
                "app.logLevel", "DEBUG"));
        assertThat(container(custom)).containsEntry("image", "registry.example.com/ops/discourse-operator:1.2.3");
        assertThat(map(container(custom), "resources", "limits")).containsEntry("memory", "1Gi");
        assertThat(env(custom)).containsEntry("QUARKUS_LOG_LEVEL", "DEBUG");
    }

    @Test
    void everyReconcilerWatchesWhatWatchNamespacesSays() {
        Map<String, String> all = env(render());
        Map<String, String> some = env(render(namespaced("team-a", "team-b")));
        for (String reconciler : reconcilers) {
            String variable = namespacesEnv(reconciler);
            String hint = "reconciler '" + reconciler + "' has no Helm wiring: add the two lines "
                    + "quarkus.helm.expressions.ns-" + reconciler + ".path/.expression for " + variable
                    + " to src/main/resources/application.properties (" + ADDING_A_RECONCILER + ")";
            assertThat(all).as(hint).containsEntry(variable, "JOSDK_ALL_NAMESPACES");
            assertThat(some).as(hint).containsEntry(variable, "team-a,team-b");
        }
        // Nothing else is left watching on its own: every *_NAMESPACES setting belongs to a reconciler.
        assertThat(some.keySet().stream().filter(k -> k.endsWith("_NAMESPACES")))
                .containsExactlyInAnyOrderElementsOf(reconcilers.stream().map(BuildOutput::namespacesEnv).toList());
    }

    @Test
    void theDocsTheHintNamesShowThePairAsApplicationPropertiesWritesIt() throws IOException {
        String doc = Files.readString(Path.of("docs/development.md"));
        assertThat(doc).as("docs/development.md has the section the hint names").contains("\n## Adding a reconciler\n");
        // the pair of an existing reconciler, renamed to the docs' example: the docs must show exactly that
        List<String> pair = Files.readAllLines(Path.of("src/main/resources/application.properties")).stream()
                .filter(l -> l.startsWith("quarkus.helm.expressions.ns-discourseinstance."))
                .map(l -> l.replace("discourseinstance", "myrelation").replace("DISCOURSEINSTANCE", "MYRELATION"))
                .toList();
        assertThat(pair).hasSize(2);
        assertThat(doc.lines().toList()).as("docs/development.md shows the pair to add").containsAll(pair);
    }

    @Test
    void clusterRolesAreExactlyTheGeneratedOnes() {
        List<Map<String, Object>> generatedRoles = ofKind(generated, "ClusterRole");
        Map<String, Object> generatedRules = generatedRoles.stream()
                .collect(Collectors.toMap(BuildOutput::name, r -> r.get("rules")));
        Map<String, Object> renderedRules = ofKind(render(), "ClusterRole").stream()
                .collect(Collectors.toMap(BuildOutput::name, r -> r.get("rules")));
        assertThat(renderedRules).isEqualTo(generatedRules);
        for (String reconciler : reconcilers) {
            assertThat(renderedRules).as("ClusterRole of reconciler %s", reconciler)
                    .containsKey(reconciler + "-cluster-role");
        }
        // least privilege: no wildcard anywhere
        for (Map<String, Object> role : generatedRoles) {
            for (Map<String, Object> rule : list(role, "rules")) {
                assertThat(Stream.of("apiGroups", "resources", "verbs")
                        .flatMap(k -> ((List<?>) rule.get(k)).stream()).map(String::valueOf))
                        .as("rule of %s", name(role)).doesNotContain("*");
            }
        }
    }

    @Test
    void clusterWideModeBindsEachReconcilerRoleToTheServiceAccount() {
        List<Map<String, Object>> docs = render();
        assertThat(ofKind(docs, "RoleBinding")).isEmpty();
        Map<String, Map<String, Object>> bindings = ofKind(docs, "ClusterRoleBinding").stream()
                .collect(Collectors.toMap(b -> (String) map(b, "roleRef").get("name"), b -> b, (a, b) -> a));
        for (String reconciler : reconcilers) {
            assertThat(bindings).as("ClusterRoleBinding for reconciler %s", reconciler)
                    .containsKey(reconciler + "-cluster-role");
        }
        assertThat(bindings.keySet()).allMatch(role -> role.endsWith("-cluster-role"));
        for (Map<String, Object> binding : ofKind(docs, "ClusterRoleBinding")) {
            assertThat(list(binding, "subjects")).singleElement().isEqualTo(Map.of(
                    "kind", "ServiceAccount", "name", OPERATOR, "namespace", RELEASE_NAMESPACE));
        }
    }

    @Test
    void namespacedModeBindsOnlyInTheWatchedNamespaces() {
        List<Map<String, Object>> docs = render(namespaced("team-a", "team-b"));

        // No reconciler ClusterRole is bound cluster-wide: only the read-only CRD check and the cluster-scoped
        // reads, which a RoleBinding cannot grant.
        assertThat(ofKind(docs, "ClusterRoleBinding")).extracting(b -> map(b, "roleRef").get("name"))
                .containsExactlyInAnyOrder("josdk-crd-validating-cluster-role", OPERATOR + "-cluster-reads");
        Map<String, Object> clusterReads = ofKind(docs, "ClusterRole").stream()
                .filter(r -> (OPERATOR + "-cluster-reads").equals(name(r))).findFirst().orElseThrow();
        for (Map<String, Object> rule : list(clusterReads, "rules")) {
            assertThat(strings(rule, "verbs")).as("cluster-wide grants are reads").isSubsetOf("get", "list", "watch");
        }
        // Every cluster-scoped resource a generated ClusterRole reads is granted there.
        for (Map<String, Object> role : ofKind(generated, "ClusterRole")) {
            for (Map<String, Object> rule : list(role, "rules")) {
                for (String resource : strings(rule, "resources")) {
                    if (!CLUSTER_SCOPED.contains(resource) || "customresourcedefinitions".equals(resource)) {
                        continue;
                    }
                    assertThat(list(clusterReads, "rules")).as("%s reads cluster-scoped %s: add it to the cluster-reads "
                            + "ClusterRole in src/main/helm/templates/_helpers.tpl", name(role), resource)
                            .anySatisfy(granted -> {
                                assertThat(strings(granted, "resources")).contains(resource);
                                assertThat(strings(granted, "apiGroups")).containsAll(strings(rule, "apiGroups"));
                                assertThat(strings(granted, "verbs")).containsAll(strings(rule, "verbs"));
                            });
                }
            }
        }

        // In each watched namespace, one RoleBinding to each reconciler's generated ClusterRole, found in
        // target/classes: a reconciler added later is bound with no change to the chart.
        List<Map<String, Object>> roleBindings = ofKind(docs, "RoleBinding");
        for (String namespace : List.of("team-a", "team-b")) {
            List<Map<String, Object>> here = roleBindings.stream()
                    .filter(b -> namespace.equals(map(b, "metadata").get("namespace"))).toList();
            assertThat(here).extracting(b -> map(b, "roleRef").get("name")).as("roles bound in %s", namespace)
                    .containsExactlyInAnyOrderElementsOf(reconcilers.stream().map(r -> r + "-cluster-role").toList());
            assertThat(here).extracting(BuildOutput::name).as("one binding per role").doesNotHaveDuplicates();
        }
        assertThat(roleBindings).hasSize(2 * reconcilers.size());
        for (Map<String, Object> binding : roleBindings) {
            assertThat(map(binding, "roleRef")).containsEntry("kind", "ClusterRole")
                    .containsEntry("apiGroup", "rbac.authorization.k8s.io");
            assertThat(list(binding, "subjects")).singleElement().isEqualTo(Map.of(
                    "kind", "ServiceAccount", "name", OPERATOR, "namespace", RELEASE_NAMESPACE));
        }

        // Nothing that kube-controller-manager writes to: no aggregated ClusterRole, which its aggregation
        // controller could re-create after `helm uninstall` deleted it. The only ClusterRole namespaced mode adds
        // is the cluster-scoped reads.
        assertThat(ofKind(docs, "ClusterRole")).allSatisfy(role -> assertThat(role).as(name(role))
                .doesNotContainKey("aggregationRule"));
        List<String> defaultRoles = ofKind(render(), "ClusterRole").stream().map(BuildOutput::name).toList();
        assertThat(ofKind(docs, "ClusterRole")).extracting(BuildOutput::name)
                .containsExactlyInAnyOrderElementsOf(concat(defaultRoles, OPERATOR + "-cluster-reads"));
    }

    static List<String> concat(List<String> list, String more) {
        return Stream.concat(list.stream(), Stream.of(more)).toList();
    }

    @Test
    void serviceMonitorIsOptionalAndOffByDefault() {
        assertThat(ofKind(render(), "ServiceMonitor")).isEmpty();
        List<Map<String, Object>> docs = render(Map.of("app.serviceMonitor.enabled", true));
        Map<String, Object> monitor = ofKind(docs, "ServiceMonitor").get(0);
        assertThat(list(monitor, "spec", "endpoints")).singleElement()
                .satisfies(e -> assertThat(e).containsEntry("path", "/q/metrics"));
        Map<String, Object> service = ofKind(docs, "Service").get(0);
        assertThat(map(monitor, "spec", "selector", "matchLabels"))
                .isEqualTo(map(service, "metadata", "labels").entrySet().stream()
                        .filter(e -> e.getKey().equals("app.kubernetes.io/name"))
                        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    @Test
    void theOperatorsDashboardIsOptionalAndTheFileFromGrafana() throws Exception {
        assertThat(ofKind(render(), "ConfigMap")).isEmpty();
        List<Map<String, Object>> docs = render(Map.of("app.grafanaDashboard.enabled", true,
                "app.grafanaDashboard.label", "team_dashboards"));
        Map<String, Object> dashboard = ofKind(docs, "ConfigMap").get(0);
        assertThat(map(dashboard, "metadata", "labels")).containsEntry("team_dashboards", "1");
        String json = (String) map(dashboard, "data").get("discourse-operator.json");
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        assertThat(mapper.readTree(json)).as("Grafana's {{label}} legends survive Helm")
                .isEqualTo(mapper.readTree(java.nio.file.Files.readString(ManifestSync.OPERATOR_DASHBOARD)));
    }

    @Test
    void valuesSchemaRejectsBadValues() {
        assertThat(CHART.resolve("values.schema.json")).exists();
        Map<String, Map<String, Object>> bad = new LinkedHashMap<>();
        bad.put("namespace name with capitals", namespaced("Team_A"));
        bad.put("namespaced without namespaces", Map.of("app.watchAllNamespaces", false));
        bad.put("namespaces while watching all", Map.of("app.watchNamespaces[0]", "team-a"));
        bad.put("unknown log level", Map.of("app.logLevel", "LOUD"));
        bad.put("image without tag", Map.of("app.image", "ghcr.io/discourse-operator/discourse-operator"));
        bad.put("watchAllNamespaces not a boolean", Map.of("app.watchAllNamespaces", "sometimes"));
        bad.put("unknown resources key", Map.of("app.resources.limit.memory", "1Gi"));
        bad.forEach((why, values) -> assertThatThrownBy(() -> render(values)).as(why)
                .hasMessageContaining("values don't meet the specifications of the schema"));
    }

    @Test
    void crdsAreTheGeneratedOnes() throws IOException {
        try (Stream<Path> built = Files.list(KUBERNETES); Stream<Path> charted = Files.list(CHART.resolve("crds"))) {
            Map<String, String> generatedCrds = built.filter(p -> p.getFileName().toString().endsWith("-v1.yml"))
                    .collect(Collectors.toMap(p -> p.getFileName().toString(), HelmChartTest::read));
            Map<String, String> chartCrds = charted
                    .collect(Collectors.toMap(p -> p.getFileName().toString(), HelmChartTest::read));
            assertThat(chartCrds).isNotEmpty().isEqualTo(generatedCrds);
        }
    }

    @SuppressWarnings("unchecked")
    static List<String> strings(Map<String, Object> map, String key) {
        return (List<String>) map.get(key);
    }

    static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
