package dev.operator.discourse.relation;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import dev.operator.discourse.api.v1alpha1.RelationSpec;
import dev.operator.discourse.api.v1alpha1.RelationStatus;
import dev.operator.discourse.status.ApiRefusal;
import dev.operator.discourse.status.EventRecorder;
import dev.operator.discourse.workload.WorkloadPatcher;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;

/**
 * The steps every relation kind takes, written once: the status being built, the instance found, the spec's
 * problems said; then the kind's own binding, which reads its Secrets, checks or makes what it needs and
 * hands its intent for the workload back here to be applied. Around that: a failure backs off while it lasts,
 * a workload field another manager owns is said and never forced, and deletion removes exactly the kind's
 * fields.
 */
public final class RelationFlow<S extends RelationStatus, R extends CustomResource<? extends RelationSpec, S>> {

    /** What one kind does once its instance is found and its spec has no problem. */
    @FunctionalInterface
    public interface Binding<S extends RelationStatus, R extends CustomResource<? extends RelationSpec, S>> {
        UpdateControl<R> bind(R relation, Context<R> context, RelationStatusUpdate<S, R> status);
    }

    private final Supplier<S> newStatus;
    private final Function<R, List<String>> specProblems;
    private final String problemCondition;
    private final String settings;
    private final WorkloadPatcher patcher;
    private final EventRecorder events;
    private final Logger log;
    private final RelationBackoff backoff = new RelationBackoff();
    private final Clock clock = Clock.systemUTC();

    /**
     * @param problemCondition the condition a spec problem or a missing Secret is said in, besides Ready
     * @param settings         what the kind's workload fields are, for the event on their removal ("Redis")
     */
    public RelationFlow(Supplier<S> newStatus, Function<R, List<String>> specProblems, String problemCondition,
            String settings, WorkloadPatcher patcher, EventRecorder events, Logger log) {
        this.newStatus = newStatus;
        this.specProblems = specProblems;
        this.problemCondition = problemCondition;
        this.settings = settings;
        this.patcher = patcher;
        this.events = events;
        this.log = log;
    }

    public UpdateControl<R> reconcile(R relation, Context<R> context, Binding<S, R> binding) {
        var status = new RelationStatusUpdate<>(relation, newStatus, events, log, clock, context);
        if (!RelationWorkload.instanceFound(relation, context, status)) {
            return status.done();
        }
        List<String> problems = specProblems.apply(relation);
        if (!problems.isEmpty()) {
            return status.notReady(problemCondition, "InvalidSpec", String.join("; ", problems)).done();
        }
        return binding.bind(relation, context, status);
    }

    /**
     * The Secret the spec names; when it is not there, that is said, and it is looked for again: its creation
     * sends no event.
     */
    public Optional<Secret> secret(R relation, Context<R> context, String name, RelationStatusUpdate<S, R> status) {
        Optional<Secret> secret = RelationSecrets.find(context, relation, name);
        if (secret.isEmpty()) {
            status.notReady(problemCondition, "SecretNotFound", "Secret " + name + " not found")
                    .retryAfter(RelationSecrets.MISSING_RECHECK);
        }
        return secret;
    }

    /** A Secret that is there but unusable as the spec names it: fixed by an edit, which sends an event. */
    public RelationStatusUpdate<S, R> invalidSecret(RelationStatusUpdate<S, R> status, String message) {
        return status.notReady(problemCondition, "InvalidSecret", message);
    }

    /** The kind's server or API said no: looked at again after a wait that grows while the failure lasts. */
    public RelationStatusUpdate<S, R> failed(R relation, RelationStatusUpdate<S, R> status) {
        return status.retryAfter(backoff.failed(ResourceID.fromResource(relation)));
    }

    public void succeeded(R relation) {
        backoff.succeeded(ResourceID.fromResource(relation));
    }

    /**
     * Applies the intent to the workload under the kind's field manager; false when a field of it is owned by
     * another manager with another value (a hand-applied annotation, or a relation acting on a view of its
     * instance older than the instance reconciler's): said in Ready, never forced, and tried again after a
     * backoff.
     */
    public boolean apply(R relation, StatefulSet intent, Context<R> context, RelationStatusUpdate<S, R> status) {
        try {
            RelationWorkload.apply(relation, intent, context, patcher, status);
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
            failed(relation, status).notReady(RelationConditions.READY, "WorkloadConflict", "StatefulSet "
                    + intent.getMetadata().getName() + " has a field this relation sets under another field manager: "
                    + ApiRefusal.message(e));
            return false;
        }
    }

    /** Removes exactly the fields the kind's manager applied to the workload; the rest is untouched. */
    public void removeFields(R relation, Context<R> context) {
        RelationWorkload.remove(relation, context, patcher, events, settings);
    }
}
