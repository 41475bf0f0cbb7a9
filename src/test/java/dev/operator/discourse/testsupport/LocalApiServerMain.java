package dev.operator.discourse.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * For scripts/run-operator.sh on a machine without a cluster: starts the test API server, applies the
 * generated CRDs and the samples, writes a kubeconfig to args[0], and keeps the server up until killed.
 */
public final class LocalApiServerMain {

    private LocalApiServerMain() {
    }

    public static void main(String[] args) throws Exception {
        KubeApiServer server = startWithCrds();
        applyAll(server.client(), Path.of("kubernetes/samples"), ".yaml");
        Path kubeconfig = Path.of(args[0]);
        Files.writeString(kubeconfig, server.kubeconfigYaml());
        System.out.println("Local API server at " + server.apiServerUrl() + "; kubeconfig in " + kubeconfig);
        Thread.currentThread().join();
    }

    /**
     * Starts the API server with the CRDs generated into target/kubernetes, each Established, or exits the JVM
     * (status 2) when no API server can run here. Also the benchmark's starting point.
     */
    public static KubeApiServer startWithCrds() throws IOException {
        if (!KubeApiServer.available()) {
            System.err.println("No local API server can run here: " + KubeApiServer.unavailableReason());
            System.exit(2);
        }
        KubeApiServer server = KubeApiServer.shared();
        KubernetesClient client = server.client();
        applyAll(client, Path.of("target/kubernetes"), "-v1.yml");
        for (String crd : new String[] { "discourseinstances", "databaserelations", "redisrelations" }) {
            client.apiextensions().v1().customResourceDefinitions()
                    .withName(crd + ".discourse.operator.dev").waitUntilCondition(c -> c != null && c.getStatus() != null
                            && c.getStatus().getConditions().stream()
                                    .anyMatch(x -> "Established".equals(x.getType()) && "True".equals(x.getStatus())),
                            30, java.util.concurrent.TimeUnit.SECONDS);
        }
        return server;
    }

    private static void applyAll(KubernetesClient client, Path dir, String suffix) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + suffix)) {
            for (Path file : files) {
                try (InputStream in = Files.newInputStream(file)) {
                    for (HasMetadata o : client.load(in).items()) {
                        if (o.getMetadata().getNamespace() == null && !o.getKind().equals("CustomResourceDefinition")
                                && !o.getKind().equals("Namespace")) {
                            o.getMetadata().setNamespace("default");
                        }
                        client.resource(o).forceConflicts().serverSideApply();
                        System.out.println("applied " + o.getKind() + " " + o.getMetadata().getName());
                    }
                }
            }
        }
    }
}
