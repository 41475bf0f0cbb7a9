package dev.operator.discourse.relation;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import dev.operator.discourse.api.v1alpha1.RelationSpec;
import dev.operator.discourse.api.v1alpha1.RelationStatus;
import dev.operator.discourse.api.v1alpha1.ServerRelationStatus;
import dev.operator.discourse.status.Conditions;
import dev.operator.discourse.status.EventRecorder;
import dev.operator.discourse.status.StatusPatch;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;

/**
 * The status a relation reconcile is building. It is written only when it differs from the stored one, and a
 * new reason for not being ready is logged and recorded as an event once, so a failing server that stays
 * down produces neither writes nor events on every retry. A wait that is part of normal creation (the
 * instance's StatefulSet not there yet) is only a condition: a Warning for it would cry wolf on every install.
 */
public final class RelationStatusUpdate<S extends RelationStatus, R extends CustomResource<? extends RelationSpec, S>> {

    private final R relation;
    private final Supplier<S> newStatus;
    private final EventRecorder events;
    private final Logger log;
    private final Conditions conditions;
    private String endpoint;
    private String serverVersion;
    private Consumer<S> kindFields = s -> {
    };
    private boolean expectedWait;
    private Duration retry;
    private final BiFunction<R, S, UpdateControl<R>> write;

    /** Written through JOSDK after the reconcile: for the pure tests. */
    public RelationStatusUpdate(R relation, Supplier<S> newStatus, EventRecorder events, Logger log, Clock clock) {
        this(relation, newStatus, events, log, clock, StatusPatch::of);
    }

    /** Written at once and cached for the next reconcile ({@link StatusPatch#writeAndCache}). */
    public RelationStatusUpdate(R relation, Supplier<S> newStatus, EventRecorder events, Logger log, Clock clock,
            Context<R> context) {
        this(relation, newStatus, events, log, clock, (r, s) -> StatusPatch.writeAndCache(r, s, context));
    }

    private RelationStatusUpdate(R relation, Supplier<S> newStatus, EventRecorder events, Logger log, Clock clock,
            BiFunction<R, S, UpdateControl<R>> write) {
        this.write = write;
        this.relation = relation;
        this.newStatus = newStatus;
        this.events = events;
        this.log = log;
        this.conditions = new Conditions(previous(), relation.getMetadata().getGeneration(), clock);
    }

    public RelationStatusUpdate<S, R> set(String type, boolean value, String reason, String message) {
        conditions.set(type, value, reason, message);
        return this;
    }

    /** Sets the condition false, and Ready false with the same reason and message. */
    public RelationStatusUpdate<S, R> notReady(String type, String reason, String message) {
        conditions.set(type, false, reason, message);
        if (!RelationConditions.READY.equals(type)) {
            conditions.set(RelationConditions.READY, false, reason, message);
        }
        return this;
    }

    /** Not ready for a reason every new instance goes through: shown in the conditions, logged at debug, no event. */
    public RelationStatusUpdate<S, R> waiting(String reason, String message) {
        expectedWait = true;
        conditions.set(RelationConditions.READY, false, reason, message);
        return this;
    }

    public RelationStatusUpdate<S, R> endpoint(String endpoint) {
        this.endpoint = endpoint;
        return this;
    }

    public RelationStatusUpdate<S, R> serverVersion(String serverVersion) {
        this.serverVersion = serverVersion;
        return this;
    }

    /** Fields a relation kind adds to its status (a URL, an address); applied to the status being built. */
    public RelationStatusUpdate<S, R> with(Consumer<S> fields) {
        this.kindFields = this.kindFields.andThen(fields);
        return this;
    }

    /** When to look again though no event comes: a missing Secret's creation, a failing server's return. */
    public RelationStatusUpdate<S, R> retryAfter(Duration retry) {
        this.retry = retry;
        return this;
    }

    public UpdateControl<R> done() {
        return done(retry);
    }

    public UpdateControl<R> done(Duration retry) {
        S next = newStatus.get();
        next.setObservedGeneration(relation.getMetadata().getGeneration());
        next.setConditions(conditions.build());
        if (next instanceof ServerRelationStatus server) {
            server.setEndpoint(endpoint);
            server.setServerVersion(serverVersion);
        }
        kindFields.accept(next);
        boolean changed = !Objects.equals(next, relation.getStatus());
        if (changed) {
            reportNewReasonNotReady(next);
        }
        UpdateControl<R> control;
        if (changed) {
            control = write.apply(relation, next);
        } else {
            control = UpdateControl.noUpdate();
        }
        return retry == null ? control : control.rescheduleAfter(retry);
    }

    private void reportNewReasonNotReady(S next) {
        if (Conditions.isTrue(next.getConditions(), RelationConditions.READY)) {
            return;
        }
        String message = Conditions.find(next.getConditions(), RelationConditions.READY).map(Condition::getMessage)
                .orElse("");
        if (expectedWait) {
            log.debugf("%s %s/%s waiting: %s", relation.getKind(), relation.getMetadata().getNamespace(),
                    relation.getMetadata().getName(), message);
            return;
        }
        if (!Conditions.alreadySaid(previous(), RelationConditions.READY, false, message)) {
            log.warnf("%s %s/%s not ready: %s", relation.getKind(), relation.getMetadata().getNamespace(),
                    relation.getMetadata().getName(), message);
            events.warning(relation, "NotReady", message);
        }
    }

    private java.util.List<Condition> previous() {
        return relation.getStatus() == null ? null : relation.getStatus().getConditions();
    }
}
