package dev.operator.discourse.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * CRDs applied and awaited until Established before anything uses them: an informer whose first LIST races a CRD
 * being established can find its connection closed.
 */
public final class Crds {

    private Crds() {
    }

    /** The CRDs the build generated into target/kubernetes, which the operator under test serves. */
    public static void applyGenerated(KubernetesClient client) {
        apply(client, RepoPaths.root().resolve("target/kubernetes"), "-v1.yml");
    }

    /** Every CRD in the files of {@code dir} whose names end in {@code suffix}. */
    public static void apply(KubernetesClient client, Path dir, String suffix) {
        List<HasMetadata> crds = load(client, dir, suffix);
        for (HasMetadata crd : crds) {
            client.resource(crd).forceConflicts().serverSideApply();
        }
        for (HasMetadata crd : crds) {
            client.apiextensions().v1().customResourceDefinitions().withName(crd.getMetadata().getName())
                    .waitUntilCondition(c -> c != null && c.getStatus() != null && c.getStatus().getConditions()
                            .stream().anyMatch(x -> "Established".equals(x.getType()) && "True".equals(x.getStatus())),
                            30, TimeUnit.SECONDS);
        }
    }

    /** The objects in the files of {@code dir} whose names end in {@code suffix}, in file-name order. */
    static List<HasMetadata> load(KubernetesClient client, Path dir, String suffix) {
        List<HasMetadata> objects = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + suffix)) {
            List<Path> sorted = new ArrayList<>();
            files.forEach(sorted::add);
            sorted.sort(null);
            for (Path file : sorted) {
                try (InputStream in = Files.newInputStream(file)) {
                    objects.addAll(client.load(in).items());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return objects;
    }
}
