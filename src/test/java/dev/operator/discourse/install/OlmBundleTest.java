package dev.operator.discourse.install;

import static dev.operator.discourse.install.BuildOutput.BUNDLE;
import static dev.operator.discourse.install.BuildOutput.KUBERNETES;
import static dev.operator.discourse.install.BuildOutput.OPERATOR;
import static dev.operator.discourse.install.BuildOutput.documents;
import static dev.operator.discourse.install.BuildOutput.list;
import static dev.operator.discourse.install.BuildOutput.map;
import static dev.operator.discourse.install.BuildOutput.namespacesEnv;
import static dev.operator.discourse.install.BuildOutput.ofKind;
import static dev.operator.discourse.install.BuildOutput.reconcilerNames;
import static dev.operator.discourse.install.BuildOutput.require;
import static dev.operator.discourse.install.BuildOutput.yamlObject;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The OLM bundle the generator wrote (target/bundle/discourse-operator), parsed and checked against the build. */
class OlmBundleTest {

    static Map<String, Object> csv;
    static Map<String, Object> spec;

    @BeforeAll
    static void readCsv() {
        csv = yamlObject(require(BUNDLE.resolve("manifests/" + OPERATOR + ".clusterserviceversion.yaml")));
        spec = map(csv, "spec");
    }

    /** The CRDs the build generated (target/kubernetes), by name: discourseinstances.discourse.operator.dev... */
    static Set<String> generatedCrdNames() {
        return ManifestSync.generatedCrds().stream()
                .map(p -> (String) map(yamlObject(p), "metadata").get("name")).collect(Collectors.toSet());
    }

    @Test
    void describesTheOperator() {
        assertThat(csv).containsEntry("kind", "ClusterServiceVersion");
        assertThat((String) map(csv, "metadata").get("name")).startsWith(OPERATOR + ".v");
        assertThat(spec).containsEntry("displayName", "Discourse operator").containsEntry("maturity", "alpha")
                .containsEntry("minKubeVersion", "1.29.0");
        assertThat((String) spec.get("description")).contains("DiscourseInstance").hasSizeGreaterThan(100);
        assertThat(map(spec, "provider")).containsEntry("name", "discourse-operator");
        assertThat(map(csv, "metadata", "annotations"))
                .containsEntry("capabilities", "Seamless Upgrades")
                .containsKey("containerImage").containsKey("repository");
    }

    @Test
    void supportsEveryInstallMode() {
        assertThat(list(spec, "installModes"))
                .extracting(m -> m.get("type") + "=" + m.get("supported"))
                .containsExactlyInAnyOrder("OwnNamespace=true", "SingleNamespace=true", "MultiNamespace=true",
                        "AllNamespaces=true");
    }

    @Test
    void ownsEveryGeneratedCrdWithADisplayNameAndDescription() {
        List<Map<String, Object>> owned = list(spec, "customresourcedefinitions", "owned");
        assertThat(owned).extracting(o -> (String) o.get("name"))
                .containsExactlyInAnyOrderElementsOf(generatedCrdNames());
        for (Map<String, Object> crd : owned) {
            String hint = crd.get("kind") + ": add @CSVMetadata(displayName = ..., description = ...) to its custom resource class";
            assertThat((String) crd.get("displayName")).as(hint).isNotBlank().isNotEqualTo(crd.get("kind"));
            assertThat((String) crd.get("description")).as(hint).isNotBlank();
            assertThat(crd).containsEntry("version", "v1alpha1");
            assertThat(BUNDLE.resolve("manifests/" + crd.get("name") + "-v1.crd.yml")).exists();
        }
    }

    @Test
    void everyOwnedCrdDescribesItsSpecAndStatusFields() {
        for (Map<String, Object> owned : list(spec, "customresourcedefinitions", "owned")) {
            Map<String, Object> schema = map(yamlObject(BUNDLE.resolve("manifests/" + owned.get("name") + "-v1.crd.yml")),
                    "spec");
            Map<String, Object> properties = map(list(schema, "versions").get(0), "schema", "openAPIV3Schema",
                    "properties");
            assertThat(list(owned, "specDescriptors")).as(owned.get("kind") + " spec descriptors")
                    .extracting(d -> d.get("path"))
                    .containsExactlyInAnyOrderElementsOf(map(properties, "spec", "properties").keySet());
            assertThat(list(owned, "specDescriptors")).allSatisfy(d -> assertThat((String) d.get("displayName")).isNotBlank());
            assertThat(list(owned, "statusDescriptors")).as(owned.get("kind") + " status descriptors")
                    .extracting(d -> d.get("path"))
                    .containsExactlyInAnyOrderElementsOf(map(properties, "status", "properties").keySet());
            assertThat(list(owned, "statusDescriptors")).filteredOn(d -> "conditions".equals(d.get("path")))
                    .singleElement().satisfies(d -> assertThat(d.get("x-descriptors"))
                            .isEqualTo(List.of("urn:alm:descriptor:io.kubernetes.conditions")));
        }
        assertThat(list(list(spec, "customresourcedefinitions", "owned").stream()
                .filter(o -> "DiscourseInstance".equals(o.get("kind"))).findFirst().orElseThrow(), "specDescriptors"))
                .anySatisfy(d -> {
                    assertThat(d).containsEntry("path", "hostname").containsEntry("displayName", "Hostname");
                    assertThat((String) d.get("description")).isNotBlank();
                });
    }

    @Test
    void almExamplesAreTheSamples() throws Exception {
        String json = (String) map(csv, "metadata", "annotations").get("alm-examples");
        List<?> examples = new ObjectMapper().readValue(json, List.class);
        assertThat(examples).as("alm-examples differ from kubernetes/samples/: run scripts/sync-manifests.sh")
                .isEqualTo(ManifestSync.sampleResources());
        Set<Object> exampleKinds = examples.stream().map(e -> ((Map<?, ?>) e).get("kind")).collect(Collectors.toSet());
        assertThat(exampleKinds).as("every owned kind has a sample in kubernetes/samples/")
                .containsExactlyInAnyOrderElementsOf(list(spec, "customresourcedefinitions", "owned").stream()
                        .map(o -> o.get("kind")).toList());
    }

    @Test
    void permissionsAreTheGeneratedClusterRoles() {
        List<Map<String, Object>> clusterPermissions = list(spec, "install", "spec", "clusterPermissions");
        assertThat(clusterPermissions).singleElement()
                .satisfies(p -> assertThat(p).containsEntry("serviceAccountName", OPERATOR));
        Set<Object> bundled = new HashSet<>(list(clusterPermissions.get(0), "rules"));
        Set<Object> generated = ofKind(documents(KUBERNETES.resolve("kubernetes.yml")), "ClusterRole").stream()
                .flatMap(role -> list(role, "rules").stream()).collect(Collectors.toSet());
        assertThat(bundled).isEqualTo(generated);
        assertThat(list(spec, "install", "spec", "permissions")).isNullOrEmpty();
    }

    @Test
    void deploymentWatchesWhatOlmTargets() {
        List<Map<String, Object>> deployments = list(spec, "install", "spec", "deployments");
        assertThat(deployments).singleElement().satisfies(d -> assertThat(d).containsEntry("name", OPERATOR));
        Map<String, Object> podSpec = map(deployments.get(0), "spec", "template", "spec");
        assertThat(podSpec).containsEntry("serviceAccountName", OPERATOR);
        assertThat(map(podSpec, "securityContext")).containsEntry("runAsNonRoot", true);
        Map<String, Object> container = list(podSpec, "containers").get(0);
        assertThat(map(csv, "metadata", "annotations").get("containerImage"))
                .as("OperatorBundle's containerImage annotation names the image the CSV deploys")
                .isEqualTo(container.get("image"));
        Map<String, String> fieldRefs = list(container, "env").stream().filter(e -> e.containsKey("valueFrom"))
                .collect(Collectors.toMap(e -> (String) e.get("name"),
                        e -> (String) map(e, "valueFrom", "fieldRef").get("fieldPath")));
        for (String reconciler : reconcilerNames()) {
            assertThat(fieldRefs).as("reconciler %s", reconciler)
                    .containsEntry(namespacesEnv(reconciler), "metadata.annotations['olm.targetNamespaces']");
        }
    }

    /**
     * The CSV's Deployment runs the operator as the chart's does: the container's securityContext (which
     * quarkus-kubernetes leaves out, and the build copies from the chart's values: CsvContainerSecurity) and the
     * pod's, compared with the chart rendered by Helm with its defaults.
     */
    @Test
    void deploymentHasTheChartsSecurityContexts() {
        Map<String, Object> podSpec = map(list(spec, "install", "spec", "deployments").get(0), "spec", "template", "spec");
        List<Map<String, Object>> chart = HelmChartTest.render();
        Map<String, Object> chartSecurity = map(HelmChartTest.container(chart), "securityContext");
        assertThat(chartSecurity).as("the chart's container securityContext").isNotEmpty();
        assertThat(list(podSpec, "containers")).singleElement()
                .satisfies(c -> assertThat(map(c, "securityContext")).as("the CSV's container securityContext")
                        .isEqualTo(chartSecurity));
        assertThat(map(podSpec, "securityContext")).as("the CSV's pod securityContext")
                .isEqualTo(map(HelmChartTest.deployment(chart), "spec", "template", "spec", "securityContext"));
    }

    @Test
    void bundleMetadataNamesThePackage() {
        Path annotations = BUNDLE.resolve("metadata/annotations.yaml");
        assertThat(map(yamlObject(annotations), "annotations"))
                .containsEntry("operators.operatorframework.io.bundle.package.v1", OPERATOR)
                .containsEntry("operators.operatorframework.io.bundle.mediatype.v1", "registry+v1")
                .containsEntry("operators.operatorframework.io.bundle.manifests.v1", "manifests/");
        assertThat(BUNDLE.resolve("bundle.Dockerfile")).exists();
    }
}
