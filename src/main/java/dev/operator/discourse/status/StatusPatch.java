package dev.operator.discourse.status;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;

/**
 * A status write as JOSDK 5 means server-side apply to be used: a fresh object carrying only the name and the
 * status. Patching the reconciled copy instead sends its resourceVersion, which turns every write made from a
 * cache one event behind into a 409 and a retry, although this reconciler alone owns the status and computes
 * all of it from the current state.
 */
public final class StatusPatch {

    private StatusPatch() {
    }

    /** The patch that writes the status; the reconciled copy gets it too, for whoever reads it afterwards. */
    public static <S, R extends CustomResource<?, S>> UpdateControl<R> of(R primary, S status) {
        return UpdateControl.patchStatus(fresh(primary, status));
    }

    /**
     * Writes the status now, and puts the API server's answer where the controller's next reconcile reads its
     * primary. JOSDK 5.1 writes a returned status after the reconcile and caches nothing: a reconcile that an
     * event queued meanwhile (a relation's own apply, a Job's end) then runs on the copy from before the write,
     * finds the status different, and writes it again. Returns no update for JOSDK to make.
     */
    public static <S, R extends CustomResource<?, S>> UpdateControl<R> writeAndCache(R primary, S status,
            Context<R> context) {
        R written = context.getClient().resource(fresh(primary, status)).subresource("status").patch(
                new PatchContext.Builder().withPatchType(PatchType.SERVER_SIDE_APPLY).withForce(true)
                        .withFieldManager(context.getControllerConfiguration().fieldManager()).build());
        // kept only while the informer holds the version the reconcile started from, so never over a newer one
        context.eventSourceRetriever().getControllerEventSource()
                .handleRecentResourceUpdate(ResourceID.fromResource(primary), written, primary);
        return UpdateControl.noUpdate();
    }

    /** The same for a reconcile that failed ({@code updateErrorStatus}). */
    public static <S, R extends CustomResource<?, S>> ErrorStatusUpdateControl<R> onError(R primary, S status) {
        return ErrorStatusUpdateControl.patchStatus(fresh(primary, status));
    }

    private static <S, R extends CustomResource<?, S>> R fresh(R primary, S status) {
        R fresh = blank(primary);
        fresh.setMetadata(new ObjectMetaBuilder().withName(primary.getMetadata().getName())
                .withNamespace(primary.getMetadata().getNamespace()).build());
        fresh.setSpec(null); // some kinds start with a default spec; the status subresource ignores it anyway
        fresh.setStatus(status);
        primary.setStatus(status);
        return fresh;
    }

    /** Custom resource classes have a public no-argument constructor; the operator SDK registers it for native. */
    @SuppressWarnings("unchecked")
    private static <R extends CustomResource<?, ?>> R blank(R primary) {
        try {
            return (R) primary.getClass().getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot create an empty " + primary.getClass().getName(), e);
        }
    }
}
