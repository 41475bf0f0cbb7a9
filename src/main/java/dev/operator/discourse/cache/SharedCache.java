package dev.operator.discourse.cache;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.informers.ExceptionHandler;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.javaoperatorsdk.operator.api.config.informer.InformerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Constants;
import io.javaoperatorsdk.operator.processing.event.ResourceID;

/**
 * One informer per watched namespace (or one for all of them) for a {@link SharedCacheSpec}, however many
 * controllers read it. It starts when its first reader starts and stops when its last one stops. Like JOSDK's
 * own informers when the operator is told not to stop on informer errors, a cache that cannot sync within the
 * timeout lets its readers start anyway, and reports itself unhealthy until it has synced, so readiness says so.
 */
public final class SharedCache<T extends HasMetadata> {

    private static final Logger LOG = Logger.getLogger(SharedCache.class);

    private final SharedCacheSpec<T> spec;
    private final Set<String> namespaces;
    private final KubernetesClient client;
    // replaced whole, never changed in place: readers on reconciler threads read it without the lock
    private volatile Map<String, SharedIndexInformer<T>> informers = Map.of();
    private int readers;

    SharedCache(SharedCacheSpec<T> spec, Set<String> namespaces, KubernetesClient client) {
        this.spec = spec;
        this.namespaces = namespaces;
        this.client = client;
    }

    /** Adds a reader: the first one starts the informers and waits up to {@code syncTimeout} for their lists. */
    public synchronized void acquire(ResourceEventHandler<T> handler, Duration syncTimeout) {
        if (readers++ == 0) {
            start(syncTimeout);
        }
        // fabric8 replays what is cached to a handler added late, as adds: the reader sees every object once
        informers.values().forEach(i -> i.addEventHandler(handler));
    }

    public synchronized void release(ResourceEventHandler<T> handler) {
        informers.values().forEach(i -> i.removeEventHandler(handler));
        if (readers > 0 && --readers == 0) {
            informers.values().forEach(SharedIndexInformer::stop);
            informers = Map.of();
        }
    }

    private void start(Duration syncTimeout) {
        var resources = client.resources(spec.kind());
        Map<String, SharedIndexInformer<T>> started = new LinkedHashMap<>();
        if (InformerConfiguration.allNamespacesWatched(namespaces)) {
            started.put(Constants.WATCH_ALL_NAMESPACES, informer(resources.inAnyNamespace()));
        } else {
            namespaces.forEach(ns -> started.put(ns, informer(resources.inNamespace(ns))));
        }
        started.values().forEach(i -> i.itemStore(CachePruning.store(spec.pruning()))
                // fabric8 gives up by default when the first LIST fails; like JOSDK's informers here, keep trying
                .exceptionHandler((wasStarted, e) -> !ExceptionHandler.isDeserializationException(e)));
        informers = started;
        CompletableFuture<?>[] synced = started.values().stream()
                .map(i -> i.start().toCompletableFuture()).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(synced).get(syncTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            LOG.warnf("The shared cache %s has not synced within %s (%s); its readers start without it, and it reports "
                    + "itself unhealthy until it syncs", spec.name(), syncTimeout, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private SharedIndexInformer<T> informer(FilterWatchListDeletable<T, ?, ?> resources) {
        return (spec.labelSelector() == null ? resources : resources.withLabelSelector(spec.labelSelector()))
                .runnableInformer(0);
    }

    public Optional<T> get(ResourceID id) {
        String namespace = id.getNamespace().orElse(null);
        var informers = this.informers;
        SharedIndexInformer<T> informer = informers.containsKey(Constants.WATCH_ALL_NAMESPACES)
                ? informers.get(Constants.WATCH_ALL_NAMESPACES)
                : informers.get(namespace);
        return informer == null ? Optional.empty()
                : Optional.ofNullable(informer.getStore().getByKey(Cache.namespaceKeyFunc(namespace, id.getName())));
    }

    public Stream<T> list() {
        return informers.values().stream().flatMap(i -> i.getStore().list().stream()).toList().stream();
    }

    /** Every informer is watching and has synced. */
    public boolean healthy() {
        Collection<SharedIndexInformer<T>> all = informers.values();
        return !all.isEmpty() && all.stream().allMatch(i -> i.isRunning() && i.isWatching() && i.hasSynced());
    }

    Class<T> kind() {
        return spec.kind();
    }
}
