package dev.operator.discourse.testsupport;

import java.util.Map;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points the Quarkus application's Kubernetes client at the shared {@link KubeApiServer}.
 *
 * <pre>
 * &#64;QuarkusTest
 * &#64;RequiresKubeApiServer
 * &#64;QuarkusTestResource(value = KubeApiServerResource.class, restrictToAnnotatedClass = false)
 * class SomeOperatorTest {
 *     &#64;Inject KubernetesClient appClient;             // the application's client, talking to the test server
 *     KubernetesClient admin = KubeApiServerResource.client(); // a separate cluster-admin client
 * }
 * </pre>
 *
 * {@code restrictToAnnotatedClass = false} lets every Quarkus test class share one application start; the server
 * itself is one per JVM either way. {@code @WithTestResource(KubeApiServerResource.class)} works too (tried with
 * Quarkus 3.27: the injected client reached the server); it shares the application start among classes that
 * declare the same resources.
 *
 * <p>{@code @RequiresKubeApiServer} is what turns "no binaries" into a skip: this resource cannot skip, because a
 * failing resource aborts the application start and every test with it. Without binaries it therefore points
 * the application at an address where nothing listens, and the annotation keeps the tests from running.
 *
 * <p>Quarkus builds the application before it starts test resources, so build-time Dev Services cannot see
 * this server. Seen here without a container runtime: Kubernetes Dev Services only logs warnings, but datasource
 * Dev Services fails the build (and every {@code @QuarkusTest}) unless the application's configuration sets a
 * JDBC URL or {@code quarkus.datasource.devservices.enabled=false}; {@code quarkus.devservices.enabled=false}
 * silences both.
 */
public class KubeApiServerResource implements QuarkusTestResourceLifecycleManager {

    /** Where the application's client goes when no server can run: loopback port 1, never a real cluster. */
    static final String NOWHERE = "https://127.0.0.1:1";

    @Override
    public Map<String, String> start() {
        if (!KubeApiServer.available()) {
            System.err.println("WARNING: KubeApiServerResource: no API server; the app's client points at "
                    + NOWHERE + ": " + KubeApiServer.unavailableReason());
            return Map.of("quarkus.kubernetes-client.api-server-url", NOWHERE);
        }
        Crds.applyGenerated(KubeApiServer.shared().client());
        return quarkusConfig(KubeApiServer.shared().config());
    }

    @Override
    public void stop() {
        // the server outlives each application start; KubeApiServer stops it when the JVM exits
    }

    /** A cluster-admin client for the tests themselves; shared, do not close it. */
    public static KubernetesClient client() {
        return KubeApiServer.shared().client();
    }

    public static boolean available() {
        return KubeApiServer.available();
    }

    static Map<String, String> quarkusConfig(Config config) {
        return Map.of(
                "quarkus.kubernetes-client.api-server-url", config.getMasterUrl(),
                "quarkus.kubernetes-client.ca-cert-file", config.getCaCertFile(),
                "quarkus.kubernetes-client.token", config.getAutoOAuthToken(),
                "quarkus.kubernetes-client.trust-certs", "false");
    }
}
