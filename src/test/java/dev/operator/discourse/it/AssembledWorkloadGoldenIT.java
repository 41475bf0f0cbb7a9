package dev.operator.discourse.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import dev.operator.discourse.it.AssembledWorkload.Forum;
import dev.operator.discourse.it.AssembledWorkload.World;
import dev.operator.discourse.it.AssembledWorkload.Writer;
import dev.operator.discourse.testsupport.Crds;
import dev.operator.discourse.testsupport.GoldenFiles;
import dev.operator.discourse.testsupport.KubeApiServer;
import dev.operator.discourse.testsupport.RequiresKubeApiServer;
import dev.operator.discourse.testsupport.TestNamespace;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The pod that five writers make: the workload StatefulSet of representative forums as the API server assembles
 * it from the instance's apply and each relation's, with who owns which field, as reviewed golden files
 * ({@code workload-*.yaml}; rerun with {@code -Dgolden.update=true} and review the diff). Then each relation's
 * removal, as its cleanup applies it, against the same forum where that relation never applied anything.
 *
 * <p>Failsafe runs it (see the pom), in a JVM where no operator runs: the Quarkus tests' in-process operator
 * would reconcile these forums and apply its own StatefulSet over the test's.
 */
@RequiresKubeApiServer
class AssembledWorkloadGoldenIT {

    private static KubernetesClient client;

    @BeforeAll
    static void crds() {
        client = KubeApiServer.shared().client();
        // the committed CRDs: their defaults are what the reconcilers read
        Crds.apply(client, Path.of("kubernetes/crds"), ".yaml");
    }

    @ParameterizedTest
    @EnumSource(Forum.class)
    void everyWriterApplied(Forum forum) {
        try (TestNamespace ns = TestNamespace.create(client, "it-assembled-")) {
            World world = AssembledWorkload.create(client, ns.name, forum);
            String yaml = AssembledWorkload.render(AssembledWorkload.assemble(client, world, forum.writers()), ns.name);
            GoldenFiles.assertMatches("workload-" + forum.file + ".yaml", yaml);
        }
    }

    /** One removal per relation kind, each where it takes the most with it. */
    static Stream<Arguments> removals() {
        return Stream.of(
                Arguments.of(Forum.S3_RELATIONS, Writer.DATABASE),
                Arguments.of(Forum.SHARED_UPLOADS, Writer.REDIS),
                Arguments.of(Forum.INGRESS_TLS_OBSERVABILITY, Writer.INGRESS),
                Arguments.of(Forum.INGRESS_TLS_OBSERVABILITY, Writer.OBSERVABILITY));
    }

    /**
     * The instance's apply stays as it was on both sides: what the instance reconciler does next about a deleted
     * relation (zero replicas without a database or Redis, http without the ingress's TLS) is its own apply, not
     * part of the relation's removal.
     */
    @ParameterizedTest
    @MethodSource("removals")
    void removingARelationTakesExactlyItsFields(Forum forum, Writer removed) {
        try (TestNamespace removedFrom = TestNamespace.create(client, "it-assembled-");
                TestNamespace neverApplied = TestNamespace.create(client, "it-assembled-")) {
            World world = AssembledWorkload.create(client, removedFrom.name, forum);
            String before = AssembledWorkload.render(AssembledWorkload.assemble(client, world, forum.writers()),
                    removedFrom.name);
            String after = AssembledWorkload.render(AssembledWorkload.remove(client, world, removed), removedFrom.name);

            Set<Writer> others = EnumSet.copyOf(forum.writers());
            others.remove(removed);
            World twin = AssembledWorkload.create(client, neverApplied.name, forum);
            String without = AssembledWorkload.render(AssembledWorkload.assemble(client, twin, others), neverApplied.name);

            assertThat(after).as("the %s relation's fields were on the workload", removed.label()).isNotEqualTo(before);
            assertThat(after).as("%s after the %s relation's removal, against the same forum where it never applied",
                    forum.file, removed.label()).isEqualTo(without);
            GoldenFiles.assertMatches("workload-" + forum.file + "-without-" + removed.label() + ".yaml", after);
        }
    }
}
