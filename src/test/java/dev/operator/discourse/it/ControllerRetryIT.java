package dev.operator.discourse.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.operator.discourse.testsupport.KubeApiServerResource;
import dev.operator.discourse.testsupport.RequiresKubeApiServer;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.RegisteredController;
import io.javaoperatorsdk.operator.api.config.ControllerConfiguration;
import io.javaoperatorsdk.operator.processing.retry.GenericRetry;
import io.javaoperatorsdk.operator.processing.retry.GenericRetryExecution;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every controller retries a failed reconcile for as long as it fails, at a bounded pace: an API server that is
 * away longer than the SDK's five default attempts must not leave a forum or relation waiting for its 5-minute
 * recheck (ApiServerFaultsPackagedIT restarts the API server to see it whole).
 */
@QuarkusTest
@RequiresKubeApiServer
@QuarkusTestResource(value = KubeApiServerResource.class, restrictToAnnotatedClass = false)
class ControllerRetryIT {

    private static final long MAX_INTERVAL_MS = 30_000;

    @Inject
    Operator operator;

    @Test
    void everyControllerRetriesWithoutLimitAtMostEveryThirtySeconds() {
        List<ControllerConfiguration<?>> controllers = operator.getRegisteredControllers().stream()
                .<ControllerConfiguration<?>>map(RegisteredController::getConfiguration).toList();
        assertThat(controllers).extracting(ControllerConfiguration::getName)
                .contains("discourseinstance", "databaserelation", "redisrelation", "ingressrelation",
                        "observabilityrelation", "discourseusertask", "discoursebackup", "discoursebackupschedule");
        assertThat(controllers).allSatisfy(controller -> {
            String name = controller.getName();
            assertThat(controller.getRetry()).as(name).isInstanceOf(GenericRetry.class);
            GenericRetry retry = (GenericRetry) controller.getRetry();
            assertThat(retry.getMaxAttempts()).as("%s: attempts", name).isEqualTo(-1);
            assertThat(retry.getMaxInterval()).as("%s: longest wait", name).isLessThanOrEqualTo(MAX_INTERVAL_MS);
            // a hundred failures in a row still get a next attempt, no later than the longest wait
            GenericRetryExecution execution = retry.initExecution();
            long last = 0;
            for (int attempt = 0; attempt < 100; attempt++) {
                last = execution.nextDelay().orElseThrow(() -> new AssertionError(name + " gave up"));
            }
            assertThat(last).as("%s: wait after 100 failures", name).isLessThanOrEqualTo(MAX_INTERVAL_MS);
        });
    }
}
