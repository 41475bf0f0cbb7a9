package dev.operator.discourse.testsupport;

import java.util.function.Consumer;

import io.fabric8.kubernetes.client.informers.ResourceEventHandler;

/** Informer handlers for the fake controllers, which act on what appears or on every state and ignore the rest. */
public final class InformerHandlers {

    private InformerHandlers() {
    }

    /** Acts on each object as it first appears; updates and deletions are ignored. */
    public static <T> ResourceEventHandler<T> onAdd(Consumer<T> added) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T obj) {
                added.accept(obj);
            }

            @Override
            public void onUpdate(T oldObj, T newObj) {
            }

            @Override
            public void onDelete(T obj, boolean deletedFinalStateUnknown) {
            }
        };
    }

    /** Acts on every state an object is seen in, added or updated; deletions are ignored. */
    public static <T> ResourceEventHandler<T> onAddOrUpdate(Consumer<T> seen) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T obj) {
                seen.accept(obj);
            }

            @Override
            public void onUpdate(T oldObj, T newObj) {
                seen.accept(newObj);
            }

            @Override
            public void onDelete(T obj, boolean deletedFinalStateUnknown) {
            }
        };
    }
}
