package dev.operator.discourse.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.operator.discourse.testsupport.KubeApiServerResource;
import dev.operator.discourse.testsupport.RequiresKubeApiServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Bad input for every kind (issue "fault tier", part "Bad input"), against the operator running in this JVM and
 * a real kube-apiserver: generated specs the API server accepts ({@link BadInputCases}), all created at once in
 * one namespace next to a healthy forum. Each must end with a condition that names what is wrong, without a
 * reconcile that throws, without writes or a reconcile loop once settled; and the healthy forum must not change.
 */
@QuarkusTest
@RequiresKubeApiServer
@QuarkusTestResource(value = KubeApiServerResource.class, restrictToAnnotatedClass = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadInputIT {

    private static BadInputWorld world;

    @Inject
    MeterRegistry registry;

    /** Built by the first test that needs it; every case shares it (see BadInputWorld). */
    private BadInputWorld world() {
        synchronized (BadInputIT.class) {
            if (world == null) {
                world = BadInputWorld.build(KubeApiServerResource.client(), new BadInputMetrics(registry));
            }
            return world;
        }
    }

    @AfterAll
    static void cleanup() {
        if (world != null) {
            world.close();
            world = null;
        }
    }

    // Case names, not cases, cross into the test: Quarkus runs the test in a class loader of its own.
    static Stream<String> cases() {
        return BadInputCases.all().stream().filter(c -> c.knownBug() == null).map(BadInputCase::name);
    }

    static Stream<String> uncheckedInstanceSecrets() {
        return named(BadInputCases.Bugs.UNCHECKED_INSTANCE_SECRETS);
    }

    static Stream<String> uncheckedTlsSecret() {
        return named(BadInputCases.Bugs.UNCHECKED_TLS_SECRET);
    }

    static Stream<String> refusedDependent() {
        return named(BadInputCases.Bugs.REFUSED_DEPENDENT);
    }

    static Stream<String> emptySecretName() {
        return named(BadInputCases.Bugs.EMPTY_SECRET_NAME);
    }

    static Stream<String> emptyRedisPassword() {
        return named(BadInputCases.Bugs.EMPTY_REDIS_PASSWORD);
    }

    private static Stream<String> named(String bug) {
        return BadInputCases.all().stream().filter(c -> bug.equals(c.knownBug())).map(BadInputCase::name);
    }

    @Order(1)
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void endsWithAConditionNamingTheProblemWithoutCrashOrLoop(String name) {
        world().assertCase(BadInputCases.named(name));
    }

    @Order(2)
    @Test
    void nothingIsWrittenInTheNamespaceOnceSettled() {
        assertThat(world().writesInWindow()).as("objects written during the quiet window of %s",
                BadInputWorld.QUIET_WINDOW).isEmpty();
    }

    @Order(3)
    @Test
    void theHealthyForumIsUnchanged() {
        BadInputWorld w = world();
        BadInputHealthyForum.State now = BadInputHealthyForum.state(w.client, w.ns);
        assertThat(now.template()).as("pod template of the healthy forum").isEqualTo(w.healthyBefore.template());
        assertThat(now.generation()).as("generation of its StatefulSet").isEqualTo(w.healthyBefore.generation());
        assertThat(now.stsVersion()).as("resourceVersion of its StatefulSet").isEqualTo(w.healthyBefore.stsVersion());
        assertThat(now.pods()).as("its pods (name to uid)").isEqualTo(w.healthyBefore.pods());
        assertThat(now.versions()).as("resourceVersions of the instance and its relations")
                .isEqualTo(w.healthyBefore.versions());
    }

    @Order(4)
    @ParameterizedTest(name = "{0}")
    @MethodSource("uncheckedInstanceSecrets")
    void instanceSecretReferencesAreChecked(String name) {
        world().assertCase(BadInputCases.named(name));
    }

    @Order(5)
    @ParameterizedTest(name = "{0}")
    @MethodSource("uncheckedTlsSecret")
    void anIngressTlsSecretIsCheckedForItsKeys(String name) {
        world().assertCase(BadInputCases.named(name));
    }

    @Order(6)
    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedDependent")
    void anObjectTheApiServerRefusesIsAConditionNotACrash(String name) {
        world().assertCase(BadInputCases.named(name));
    }

    @Order(7)
    @ParameterizedTest(name = "{0}")
    @MethodSource("emptySecretName")
    void anEmptySecretNameIsAConditionNotACrash(String name) {
        world().assertCase(BadInputCases.named(name));
    }

    @Order(8)
    @ParameterizedTest(name = "{0}")
    @MethodSource("emptyRedisPassword")
    void anEmptyRedisPasswordIsRefusedLikeAnEmptyDatabaseKey(String name) {
        world().assertCase(BadInputCases.named(name));
    }
}
