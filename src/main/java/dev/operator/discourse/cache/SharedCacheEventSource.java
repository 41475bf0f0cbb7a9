package dev.operator.discourse.cache;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.health.Status;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import io.javaoperatorsdk.operator.processing.event.source.Cache;
import io.javaoperatorsdk.operator.processing.event.source.PrimaryToSecondaryMapper;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;

/**
 * A controller's event source over a {@link SharedCache}: it maps each change of a cached object to the
 * controller's primaries, and a primary to the cached objects it reads, as an InformerEventSource with both
 * mappers does, without an informer of its own.
 */
public final class SharedCacheEventSource<T extends HasMetadata, P extends HasMetadata> extends AbstractEventSource<T, P>
        implements ResourceEventHandler<T>, Cache<T> {

    private final SharedCache<T> cache;
    private final SecondaryToPrimaryMapper<T> toPrimaries;
    private final PrimaryToSecondaryMapper<P> toSecondaries;
    private final Duration syncTimeout;

    public SharedCacheEventSource(String name, SharedCacheSpec<T> spec, SharedCaches caches, EventSourceContext<P> context,
            SecondaryToPrimaryMapper<T> toPrimaries, PrimaryToSecondaryMapper<P> toSecondaries) {
        this(name, caches.cache(spec, namespaces(context)), context.getControllerConfiguration()
                .getConfigurationService().cacheSyncTimeout(), toPrimaries, toSecondaries);
    }

    SharedCacheEventSource(String name, SharedCache<T> cache, Duration syncTimeout,
            SecondaryToPrimaryMapper<T> toPrimaries, PrimaryToSecondaryMapper<P> toSecondaries) {
        super(cache.kind(), name);
        this.cache = cache;
        this.syncTimeout = syncTimeout;
        this.toPrimaries = toPrimaries;
        this.toSecondaries = toSecondaries;
    }

    /** The namespaces the controller watches, as its own informers would. */
    private static Set<String> namespaces(EventSourceContext<?> context) {
        var controller = context.getControllerConfiguration();
        return controller.getInformerConfig().getEffectiveNamespaces(controller);
    }

    @Override
    public void start() {
        // running first: the adds the cache replays to a new handler are the first events of this source
        super.start();
        cache.acquire(this, syncTimeout);
    }

    @Override
    public void stop() {
        cache.release(this);
        super.stop();
    }

    @Override
    public Set<T> getSecondaryResources(P primary) {
        return toSecondaries.toSecondaryResourceIDs(primary).stream().map(cache::get).flatMap(Optional::stream)
                .collect(Collectors.toSet());
    }

    @Override
    public Optional<T> get(ResourceID id) {
        return cache.get(id);
    }

    @Override
    public Stream<ResourceID> keys() {
        return cache.list().map(ResourceID::fromResource);
    }

    @Override
    public Stream<T> list(Predicate<T> predicate) {
        return cache.list().filter(predicate);
    }

    @Override
    public Status getStatus() {
        return cache.healthy() ? Status.HEALTHY : Status.UNHEALTHY;
    }

    @Override
    public void onAdd(T resource) {
        if (onAddFilter == null || onAddFilter.accept(resource)) {
            propagate(resource);
        }
    }

    @Override
    public void onUpdate(T before, T now) {
        // a resync delivers the same version again: nothing changed
        if (Objects.equals(before.getMetadata().getResourceVersion(), now.getMetadata().getResourceVersion())) {
            return;
        }
        if (onUpdateFilter == null || onUpdateFilter.accept(now, before)) {
            propagate(now);
        }
    }

    @Override
    public void onDelete(T resource, boolean deletedFinalStateUnknown) {
        if (onDeleteFilter == null || onDeleteFilter.accept(resource, deletedFinalStateUnknown)) {
            propagate(resource);
        }
    }

    private void propagate(T resource) {
        if (!isRunning() || (genericFilter != null && !genericFilter.accept(resource))) {
            return;
        }
        toPrimaries.toPrimaryResourceIDs(resource).forEach(id -> getEventHandler().handleEvent(new Event(id)));
    }
}
