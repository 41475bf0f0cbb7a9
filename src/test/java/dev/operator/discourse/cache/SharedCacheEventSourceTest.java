package dev.operator.discourse.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import dev.operator.discourse.testsupport.KubeApiServer;
import dev.operator.discourse.testsupport.RequiresKubeApiServer;
import dev.operator.discourse.testsupport.TestNamespace;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.health.Status;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;

/**
 * Two controllers' event sources over one shared cache, on the API server: each sees every change of a cached
 * object as an event for its own primaries, reads the same pruned copy, and the informers stop with the last.
 */
@RequiresKubeApiServer
class SharedCacheEventSourceTest {

    static final Duration WAIT = Duration.ofSeconds(20);
    static final SharedCacheSpec<ConfigMap> SPEC = new SharedCacheSpec<>("test-configmaps", ConfigMap.class,
            "shared=yes", CachePruning.alsoDropping(CachePruning.withoutManagedFields(),
                    cm -> cm.getMetadata().setAnnotations(null)));

    final KubernetesClient client = KubeApiServer.shared().client();

    @Test
    void twoSourcesShareOneCopyAndEachMapsChangesToItsOwnPrimaries() {
        try (TestNamespace ns = TestNamespace.create(client, "shared-cache-")) {
            SharedCache<ConfigMap> cache = new SharedCaches(client).cache(SPEC, Set.of(ns.name));
            List<Event> first = new CopyOnWriteArrayList<>();
            List<Event> second = new CopyOnWriteArrayList<>();
            var a = source("a", cache, first, "primary-a");
            var b = source("b", cache, second, "primary-b");
            // the second reads only changes of the data, as the relations read only spec changes
            b.setOnUpdateFilter((now, before) -> !Objects.equals(now.getData(), before.getData()));
            a.start();
            b.start();
            try {
                assertThat(a.getStatus()).isEqualTo(Status.HEALTHY);
                client.resource(configMap(ns.name, "cm", Map.of("shared", "yes"), "1")).create();
                client.resource(configMap(ns.name, "bystander", Map.of(), "1")).create();

                await().atMost(WAIT).untilAsserted(() -> {
                    assertThat(first).contains(new Event(new ResourceID("primary-a", ns.name)));
                    assertThat(second).contains(new Event(new ResourceID("primary-b", ns.name)));
                });
                ConfigMap seenByA = a.get(new ResourceID("cm", ns.name)).orElseThrow();
                assertThat(b.get(new ResourceID("cm", ns.name))).containsSame(seenByA);
                assertThat(seenByA.getMetadata().getManagedFields()).as("pruned").isEmpty();
                assertThat(seenByA.getMetadata().getAnnotations()).as("pruned").isNull();
                assertThat(a.list(x -> true).map(cm -> cm.getMetadata().getName())).containsExactly("cm");
                assertThat(a.getSecondaryResources(primary(ns.name))).containsExactly(seenByA);

                first.clear();
                second.clear();
                client.configMaps().inNamespace(ns.name).withName("cm")
                        .edit(cm -> new ConfigMapBuilder(cm).editMetadata().addToLabels("other", "x").endMetadata().build());
                await().atMost(WAIT).until(() -> !first.isEmpty());
                client.configMaps().inNamespace(ns.name).withName("cm")
                        .edit(cm -> new ConfigMapBuilder(cm).addToData("value", "2").build());
                await().atMost(WAIT).until(() -> first.size() >= 2 && !second.isEmpty());
                assertThat(second).as("the label change filtered out, the data change let through").hasSize(1);
            } finally {
                a.stop();
            }
            // the other reader goes on
            second.clear();
            client.configMaps().inNamespace(ns.name).withName("cm")
                    .edit(cm -> new ConfigMapBuilder(cm).addToData("value", "3").build());
            await().atMost(WAIT).until(() -> !second.isEmpty());
            assertThat(cache.healthy()).isTrue();
            b.stop();
            assertThat(cache.healthy()).as("stopped with its last reader").isFalse();
            assertThat(b.get(new ResourceID("cm", ns.name))).isEmpty();
        }
    }

    static SharedCacheEventSource<ConfigMap, ConfigMap> source(String name, SharedCache<ConfigMap> cache,
            List<Event> events, String primary) {
        var source = new SharedCacheEventSource<ConfigMap, ConfigMap>(name, cache, WAIT,
                cm -> Set.of(new ResourceID(primary, cm.getMetadata().getNamespace())),
                p -> Set.of(new ResourceID("cm", p.getMetadata().getNamespace())));
        source.setEventHandler(events::add);
        return source;
    }

    static ConfigMap primary(String namespace) {
        return new ConfigMapBuilder().withNewMetadata().withName("any").withNamespace(namespace).endMetadata().build();
    }

    static ConfigMap configMap(String namespace, String name, Map<String, String> labels, String value) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace(namespace).withLabels(labels)
                .addToAnnotations("note", "dropped from the cache").endMetadata().addToData("value", value).build();
    }
}
