package dev.operator.discourse.cache;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import io.javaoperatorsdk.operator.processing.event.source.informer.TransformingItemStore;

/**
 * What an informer keeps of each object: only what its readers need. Every cached copy otherwise carries every
 * manager's managedFields (on a StatefulSet five writers' worth) and, for objects whose status no reader looks
 * at, the status the controllers keep rewriting. JOSDK's server-side-apply matcher reads only the entry of the
 * manager it matches for, so a cache read by such a matcher keeps that entry and drops the others.
 */
public final class CachePruning {

    private CachePruning() {
    }

    /** A store that keeps each object as the pruning leaves it. */
    public static <R extends HasMetadata> ItemStore<R> store(UnaryOperator<R> pruning) {
        return new TransformingItemStore<>(pruning);
    }

    /** No managedFields at all: for caches no matcher reads. */
    public static <R extends HasMetadata> UnaryOperator<R> withoutManagedFields() {
        return object -> {
            object.getMetadata().setManagedFields(new ArrayList<>());
            return object;
        };
    }

    /** The managedFields of the given managers only: for a cache their matchers read. */
    public static <R extends HasMetadata> UnaryOperator<R> keepingManagedFieldsOf(String... managers) {
        Set<String> kept = Set.of(managers);
        return object -> {
            List<ManagedFieldsEntry> entries = object.getMetadata().getManagedFields();
            if (entries != null) {
                List<ManagedFieldsEntry> own = entries.stream().filter(e -> kept.contains(e.getManager())).toList();
                // empty, not null: JOSDK's matcher streams the list without a null check
                object.getMetadata().setManagedFields(new ArrayList<>(own));
            }
            return object;
        };
    }

    /** The pruning, and then a part none of the cache's readers reads (a status, a pod template) dropped. */
    public static <R extends HasMetadata> UnaryOperator<R> alsoDropping(UnaryOperator<R> pruning,
            Consumer<R> drop) {
        return object -> {
            R pruned = pruning.apply(object);
            drop.accept(pruned);
            return pruned;
        };
    }
}
