package dev.operator.discourse.install;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The committed kubernetes/crds/, kubernetes/install.yaml and the bundle's alm-examples source are exactly what
 * this build and kubernetes/samples/ produce. With -Dmanifests.update=true (what scripts/sync-manifests.sh runs)
 * it writes them instead.
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
            assertThat(ManifestSync.read(path)).withFailMessage(relative + HOW_TO_FIX).isEqualTo(file.getValue());
        }
        try (Stream<Path> committed = Files.list(ManifestSync.CRDS)) {
            assertThat(committed.filter(p -> !expected.containsKey(p)))
                    .withFailMessage("kubernetes/crds/ holds CRDs the build no longer generates: run scripts/sync-manifests.sh")
                    .isEmpty();
        }
        // one committed CRD per generated one, so kubectl users get every kind
        assertThat(expected.keySet().stream().filter(p -> p.startsWith(ManifestSync.CRDS)))
                .hasSameSizeAs(ManifestSync.generatedCrds()).isNotEmpty();
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
