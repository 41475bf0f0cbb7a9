package dev.operator.discourse.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.operator.discourse.api.v1alpha1.DiscourseInstance;
import dev.operator.discourse.api.v1alpha1.DiscourseInstanceSpec;
import dev.operator.discourse.testsupport.KubeApiServerResource;
import dev.operator.discourse.testsupport.RequiresKubeApiServer;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The operator's own health and Prometheus endpoints, with the JOSDK reconcile counters and timers. */
@QuarkusTest
@RequiresKubeApiServer
@QuarkusTestResource(value = KubeApiServerResource.class, restrictToAnnotatedClass = false)
class OperatorEndpointsIT {

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    private String get(String path, int expectedStatus) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(expectedStatus);
        return response.body();
    }

    @Test
    void livenessAndReadinessAreUpWithEveryController() throws Exception {
        assertThat(get("/q/health/live", 200)).contains("\"status\": \"UP\"");
        assertThat(get("/q/health/ready", 200)).contains("\"status\": \"UP\"").contains("discourseinstance")
                .contains("databaserelation");
    }

    @Test
    void metricsCountReconciliationsAndTimeThem() {
        var client = KubeApiServerResource.client();
        DiscourseInstance instance = new DiscourseInstance();
        instance.setMetadata(new ObjectMetaBuilder().withName("metrics").withNamespace("default").build());
        instance.setSpec(new DiscourseInstanceSpec());
        client.resource(instance).serverSideApply();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String metrics = get("/q/metrics", 200);
            assertThat(metrics).contains("operator_sdk_reconciliations_started_total{")
                    .contains("kind=\"DiscourseInstance\"")
                    .contains("operator_sdk_controllers_execution_reconcile_seconds_count{");
        });
        client.resource(instance).delete();
    }
}
