package dev.operator.discourse.status;

import java.util.Set;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;

/**
 * Lets a reconcile wake other primaries of its own kind, for the waits no Kubernetes event ends: a backup's end,
 * written by the reconcile of that backup, is what the next backup of the same forum waits for.
 */
public final class WakeEventSource<P extends HasMetadata> extends AbstractEventSource<P, P> {

    public WakeEventSource(Class<P> kind, String name) {
        super(kind, name);
    }

    public void wake(ResourceID id) {
        if (isRunning()) {
            getEventHandler().handleEvent(new Event(id));
        }
    }

    @Override
    public Set<P> getSecondaryResources(P primary) {
        return Set.of();
    }
}
