package dev.operator.discourse.install;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The committed kubernetes/crds/, kubernetes/install.yaml, the Helm chart kubernetes/helm/discourse-operator/ and
 * the bundle's alm-examples source are exactly what this build and kubernetes/samples/ produce (the chart up to
 * the order of sibling keys, see {@link ManifestSync#matches}). With -Dmanifests.update=true (what
 * scripts/sync-manifests.sh runs) it writes them instead.
 */
class ManifestsInSyncTest {

    static final String HOW_TO_FIX = " differs from what the build generates: run scripts/sync-manifests.sh and commit the result";

    @Test
    void committedFilesMatchTheBuild() throws IOException {
        if (Boolean.getBoolean("manifests.update")) {
            List<Path> changed = ManifestSync.write();
            System.out.println("sync-manifests: " + (changed.isEmpty() ? "nothing changed" : "wrote " + changed));
        }
        Map<Path, String> expected = ManifestSync.expected();
        for (Map.Entry<Path, String> file : expected.entrySet()) {
            Path path = file.getKey();
            String relative = BuildOutput.ROOT.relativize(path).toString();
            assertThat(path).withFailMessage(relative + " is missing: run scripts/sync-manifests.sh").exists();
            if (!ManifestSync.matches(path, file.getValue())) {
                assertThat(ManifestSync.read(path)).withFailMessage(relative + HOW_TO_FIX).isEqualTo(file.getValue());
            }
        }
        assertThat(ManifestSync.stale(ManifestSync.CRDS, expected))
                .withFailMessage("kubernetes/crds/ holds CRDs the build no longer generates: run scripts/sync-manifests.sh")
                .isEmpty();
        assertThat(ManifestSync.stale(ManifestSync.COMMITTED_CHART, expected))
                .withFailMessage("kubernetes/helm/discourse-operator/ holds files the build no longer generates: "
                        + "run scripts/sync-manifests.sh")
                .isEmpty();
        // the whole chart is committed: its Chart.yaml, values, templates and CRDs
        assertThat(expected.keySet().stream().filter(p -> p.startsWith(ManifestSync.COMMITTED_CHART))
                .map(p -> ManifestSync.COMMITTED_CHART.relativize(p).toString()))
                .contains("Chart.yaml", "values.yaml", "values.schema.json", "templates/deployment.yaml")
                .anyMatch(p -> p.startsWith("crds/"));
        // one committed CRD per generated one, so kubectl users get every kind
        assertThat(expected.keySet().stream().filter(p -> p.startsWith(ManifestSync.CRDS)))
                .hasSameSizeAs(ManifestSync.generatedCrds()).isNotEmpty();
    }

    @Test
    void theCommittedChartIsComparedUpToTheOrderOfSiblingKeysOnly() {
        String generated = """
                metadata:
                  labels:
                    app.kubernetes.io/name: discourse-operator
                    app.kubernetes.io/managed-by: quarkus
                  name: discourse-operator
                spec:
                  containers:
                    - name: b
                      image: {{ .Values.app.image }}
                    - name: a
                """;
        String reordered = generated.replace("""
                    app.kubernetes.io/name: discourse-operator
                    app.kubernetes.io/managed-by: quarkus
                """, """
                    app.kubernetes.io/managed-by: quarkus
                    app.kubernetes.io/name: discourse-operator
                """);
        assertThat(reordered).isNotEqualTo(generated);
        assertThat(ManifestSync.templateForComparison(reordered)).isEqualTo(ManifestSync.templateForComparison(generated));
        // a changed value, a moved key or reordered list items are changes
        for (String changed : List.of(generated.replace("quarkus", "helm"),
                generated.replace("  name: discourse-operator\nspec:", "spec:\n  name: discourse-operator"),
                generated.replace("- name: b\n      image: {{ .Values.app.image }}\n    - name: a",
                        "- name: a\n    - name: b\n      image: {{ .Values.app.image }}"))) {
            assertThat(changed).isNotEqualTo(generated);
            assertThat(ManifestSync.templateForComparison(changed)).isNotEqualTo(ManifestSync.templateForComparison(generated));
        }
    }

    /**
     * What quarkus-kubernetes takes from the checkout or the clock (the git remote, the commit, the build time)
     * would make the committed files depend on where they were built: a clone with a remote differs from a
     * worktree or a CI copy without one.
     */
    @Test
    void generatedManifestsCarryNothingFromTheCheckoutOrTheClock() throws IOException {
        List<Path> generated = List.of(BuildOutput.KUBERNETES.resolve("kubernetes.yml"),
                BuildOutput.CHART.resolve("templates/deployment.yaml"),
                BuildOutput.BUNDLE.resolve("manifests/discourse-operator.clusterserviceversion.yaml"));
        for (Path file : generated) {
            assertThat(ManifestSync.read(BuildOutput.require(file)))
                    .as(BuildOutput.ROOT.relativize(file).toString())
                    .doesNotContain("app.quarkus.io/vcs-uri", "app.quarkus.io/vcs-url", "app.quarkus.io/commit-id",
                            "app.quarkus.io/build-timestamp");
        }
    }
}
