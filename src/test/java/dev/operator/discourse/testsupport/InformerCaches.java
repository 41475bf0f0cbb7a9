package dev.operator.discourse.testsupport;

import java.util.Set;
import java.util.TreeSet;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.RegisteredController;
import io.javaoperatorsdk.operator.processing.Controller;
import io.javaoperatorsdk.operator.processing.event.source.Cache;

/**
 * What the in-process operator's informers hold, read from its event sources: memory is spent per cached
 * object, so tests can see what the operator keeps without a heap dump.
 */
public final class InformerCaches {

    private InformerCaches() {
    }

    /** Names of the objects of a kind in a namespace, over every informer of the named controller. */
    public static <R extends HasMetadata> Set<String> names(Operator operator, String controller, Class<R> kind,
            String namespace) {
        RegisteredController<?> registered = operator.getRegisteredController(controller)
                .orElseThrow(() -> new IllegalArgumentException("no controller " + controller));
        return names((Controller<?>) registered, kind, namespace);
    }

    /** Names of the objects of a kind in a namespace, over every informer of every controller. */
    public static <R extends HasMetadata> Set<String> namesInAnyController(Operator operator, Class<R> kind,
            String namespace) {
        Set<String> names = new TreeSet<>();
        for (RegisteredController<?> registered : operator.getRegisteredControllers()) {
            names.addAll(names((Controller<?>) registered, kind, namespace));
        }
        return names;
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    private static <R extends HasMetadata> Set<String> names(Controller<?> controller, Class<R> kind, String namespace) {
        Set<String> names = new TreeSet<>();
        for (Object source : controller.getEventSourceManager().getEventSourcesFor(kind)) {
            if (source instanceof Cache cache) {
                ((Cache<R>) cache).list(r -> namespace.equals(r.getMetadata().getNamespace()))
                        .map(r -> r.getMetadata().getName()).forEach(names::add);
            }
        }
        return names;
    }
}
