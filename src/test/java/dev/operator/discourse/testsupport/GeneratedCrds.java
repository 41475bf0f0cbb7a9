package dev.operator.discourse.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The CRDs the build generated into target/kubernetes, applied and awaited until Established before an operator
 * starts: an informer whose first LIST races a CRD being established can find its connection closed, and JOSDK
 * then stops the operator at start-up.
 */
public final class GeneratedCrds {

    private GeneratedCrds() {
    }

    public static void applyAndAwait(KubernetesClient client) {
        List<HasMetadata> crds;
        try {
            crds = LocalApiServerMain.load(client, RepoPaths.root().resolve("target/kubernetes"), "-v1.yml");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LocalApiServerMain.applyAll(client, crds);
        for (HasMetadata crd : crds) {
            client.apiextensions().v1().customResourceDefinitions().withName(crd.getMetadata().getName())
                    .waitUntilCondition(c -> c != null && c.getStatus() != null && c.getStatus().getConditions()
                            .stream().anyMatch(x -> "Established".equals(x.getType()) && "True".equals(x.getStatus())),
                            30, TimeUnit.SECONDS);
        }
    }
}
