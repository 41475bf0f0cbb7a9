package dev.operator.discourse.cache;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The caches controllers share, one per spec and set of namespaces. JOSDK gives each controller's event source
 * an informer of its own, so four relation kinds reading their instances' StatefulSets would hold four copies of
 * each; here they hold one.
 */
@ApplicationScoped
public class SharedCaches {

    private final KubernetesClient client;
    private final Map<Key, SharedCache<?>> caches = new HashMap<>();

    public SharedCaches(KubernetesClient client) {
        this.client = client;
    }

    @SuppressWarnings("unchecked")
    public synchronized <T extends HasMetadata> SharedCache<T> cache(SharedCacheSpec<T> spec, Set<String> namespaces) {
        return (SharedCache<T>) caches.computeIfAbsent(new Key(spec.name(), Set.copyOf(namespaces)),
                key -> new SharedCache<>(spec, key.namespaces(), client));
    }

    private record Key(String name, Set<String> namespaces) {
    }
}
