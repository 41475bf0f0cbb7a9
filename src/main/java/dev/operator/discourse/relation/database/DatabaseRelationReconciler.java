package dev.operator.discourse.relation.database;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import dev.operator.discourse.api.v1alpha1.DatabaseRelation;
import dev.operator.discourse.api.v1alpha1.DatabaseRelationSpec;
import dev.operator.discourse.api.v1alpha1.DatabaseRelationStatus;
import dev.operator.discourse.api.v1alpha1.DiscourseInstance;
import dev.operator.discourse.relation.RelationBackoff;
import dev.operator.discourse.relation.RelationConditions;
import dev.operator.discourse.relation.RelationEventSources;
import dev.operator.discourse.status.Conditions;
import dev.operator.discourse.status.EventRecorder;
import dev.operator.discourse.workload.FieldManagers;
import dev.operator.discourse.workload.SecretChecksum;
import dev.operator.discourse.workload.WorkloadPatch;
import dev.operator.discourse.workload.WorkloadPatcher;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.MaxReconciliationInterval;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.quarkiverse.operatorsdk.annotations.RBACRule;

/**
 * Binds an instance to PostgreSQL: reads the user's Secret, checks the server for real, creates extensions,
 * then applies its env entries and checksum annotation to the workload under its own field manager. A
 * failing check leaves what it applied before in place, so an outage does not reconfigure running pods.
 */
@ControllerConfiguration(name = DatabaseRelationReconciler.NAME, fieldManager = FieldManagers.DATABASE,
        maxReconciliationInterval = @MaxReconciliationInterval(interval = 5, timeUnit = TimeUnit.MINUTES))
@RBACRule(apiGroups = DiscourseInstance.GROUP, resources = "discourseinstances", verbs = { "get", "list", "watch" })
@RBACRule(apiGroups = "apps", resources = "statefulsets", verbs = { "get", "list", "watch", "patch" })
@RBACRule(apiGroups = "", resources = "secrets", verbs = { "get", "list", "watch" })
@RBACRule(apiGroups = "", resources = "events", verbs = { "create", "patch" })
public class DatabaseRelationReconciler implements Reconciler<DatabaseRelation>, Cleaner<DatabaseRelation> {

    public static final String NAME = "databaserelation";
    private static final Logger LOG = Logger.getLogger(DatabaseRelationReconciler.class);

    private final PostgresCheck postgres;
    private final WorkloadPatcher patcher;
    private final EventRecorder events;
    private final RelationBackoff backoff = new RelationBackoff();
    private final Clock clock = Clock.systemUTC();

    public DatabaseRelationReconciler(PostgresCheck postgres, WorkloadPatcher patcher, EventRecorder events) {
        this.postgres = postgres;
        this.patcher = patcher;
        this.events = events;
    }

    @Override
    public List<EventSource<?, DatabaseRelation>> prepareEventSources(EventSourceContext<DatabaseRelation> context) {
        return RelationEventSources.of(DatabaseRelation.class, context, DatabaseRelationReconciler::secretNames);
    }

    static Set<String> secretNames(DatabaseRelation relation) {
        Set<String> names = new LinkedHashSet<>();
        DatabaseRelationSpec spec = relation.getSpec();
        if (spec.getSecretRef() != null && spec.getSecretRef().getName() != null) {
            names.add(spec.getSecretRef().getName());
        }
        if (spec.getAdminSecretRef() != null && spec.getAdminSecretRef().getName() != null) {
            names.add(spec.getAdminSecretRef().getName());
        }
        return names;
    }

    @Override
    public UpdateControl<DatabaseRelation> reconcile(DatabaseRelation relation, Context<DatabaseRelation> context) {
        var status = new Status(relation, clock);
        ResourceID id = ResourceID.fromResource(relation);
        String ns = relation.getMetadata().getNamespace();
        DatabaseRelationSpec spec = relation.getSpec();

        if (context.getSecondaryResource(DiscourseInstance.class).isEmpty()) {
            return status.notReady(RelationConditions.INSTANCE_FOUND, "InstanceNotFound",
                    "DiscourseInstance " + relation.getSpec().instanceName() + " not found in " + ns).done(relation, null);
        }
        status.conditions.set(RelationConditions.INSTANCE_FOUND, true, "InstanceFound", "");

        Optional<Secret> secret = secret(context, spec.getSecretRef().getName());
        if (secret.isEmpty()) {
            return status.notReady(RelationConditions.CONNECTED, "SecretNotFound",
                    "Secret " + spec.getSecretRef().getName() + " not found").done(relation, null);
        }
        var parsed = DatabaseConnection.from(secret.get(), spec.getSecretRef());
        if (parsed instanceof DatabaseConnection.Invalid invalid) {
            return status.notReady(RelationConditions.CONNECTED, "InvalidSecret", invalid.message()).done(relation, null);
        }
        DatabaseConnection app = ((DatabaseConnection.Ok) parsed).connection();
        status.endpoint = app.endpoint();

        if (!spec.isSkipConnectionCheck()) {
            DatabaseCheckResult check = postgres.check(app, admin(context, spec, app), spec.getExtensions());
            status.serverVersion = check.serverVersion();
            if (!check.ready()) {
                status.conditions.set(RelationConditions.CONNECTED, check.connected(),
                        check.connected() ? "Connected" : check.reason(), check.connected() ? "" : check.message());
                Duration retry = backoff.failed(id);
                status.notReady(RelationConditions.EXTENSIONS_READY, check.reason(), check.message());
                return status.done(relation, retry);
            }
            status.conditions.set(RelationConditions.CONNECTED, true, "Connected", check.message());
            status.conditions.set(RelationConditions.EXTENSIONS_READY, true, "ExtensionsReady",
                    String.join(", ", spec.getExtensions()));
        } else {
            status.conditions.set(RelationConditions.CONNECTED, true, "CheckSkipped", "spec.skipConnectionCheck is set");
            status.conditions.set(RelationConditions.EXTENSIONS_READY, true, "CheckSkipped", "not created by the operator");
        }
        backoff.succeeded(id);

        Optional<StatefulSet> workload = context.getSecondaryResource(StatefulSet.class);
        if (workload.isEmpty()) {
            return status.notReady(RelationConditions.READY, "WaitingForWorkload",
                    "Waiting for the StatefulSet of DiscourseInstance " + relation.getSpec().instanceName()).done(relation, null);
        }
        boolean hasSslmode = secret.get().getData() != null
                && secret.get().getData().containsKey(spec.getSecretRef().getSslmodeKey());
        StatefulSet intent = WorkloadPatch.of(relation.getSpec().instanceName(), ns, DatabaseEnv.env(spec, hasSslmode),
                DatabaseEnv.annotations(SecretChecksum.of(secret.get())));
        if (patcher.applyIfChanged(workload.get(), intent, context)) {
            LOG.infof("Applied database relation %s/%s to StatefulSet %s", ns, relation.getMetadata().getName(),
                    relation.getSpec().instanceName());
        }
        status.conditions.set(RelationConditions.READY, true, "Ready",
                "Applied to StatefulSet " + relation.getSpec().instanceName());
        return status.done(relation, null);
    }

    @Override
    public DeleteControl cleanup(DatabaseRelation relation, Context<DatabaseRelation> context) {
        if (relation.getSpec().instanceName() != null && context.getSecondaryResource(StatefulSet.class).isPresent()) {
            patcher.apply(WorkloadPatch.empty(relation.getSpec().instanceName(), relation.getMetadata().getNamespace()),
                    FieldManagers.DATABASE);
            events.normal(relation, "Removed", "Removed the database settings from StatefulSet " + relation.getSpec().instanceName());
        }
        return DeleteControl.defaultDelete();
    }

    private static Optional<Secret> secret(Context<DatabaseRelation> context, String name) {
        return context.getSecondaryResources(Secret.class).stream()
                .filter(s -> name.equals(s.getMetadata().getName())).findFirst();
    }

    private static Optional<DatabaseConnection> admin(Context<DatabaseRelation> context, DatabaseRelationSpec spec,
            DatabaseConnection app) {
        var ref = spec.getAdminSecretRef();
        if (ref == null || ref.getName() == null) {
            return Optional.empty();
        }
        return secret(context, ref.getName()).map(Secret::getData)
                .filter(d -> d != null && d.containsKey(ref.getUserKey()) && d.containsKey(ref.getPasswordKey()))
                .map(d -> app.withCredentials(DatabaseConnection.decode(d.get(ref.getUserKey())).trim(),
                        DatabaseConnection.decode(d.get(ref.getPasswordKey()))));
    }

    /** The status being built for this reconcile; written only when it differs from the stored one. */
    private final class Status {
        final Conditions conditions;
        String endpoint;
        String serverVersion;

        Status(DatabaseRelation relation, Clock clock) {
            var previous = relation.getStatus() == null ? null : relation.getStatus().getConditions();
            this.conditions = new Conditions(previous, relation.getMetadata().getGeneration(), clock);
        }

        Status notReady(String type, String reason, String message) {
            conditions.set(type, false, reason, message);
            if (!RelationConditions.READY.equals(type)) {
                conditions.set(RelationConditions.READY, false, reason, message);
            }
            return this;
        }

        UpdateControl<DatabaseRelation> done(DatabaseRelation relation, Duration retry) {
            DatabaseRelationStatus next = new DatabaseRelationStatus();
            next.setObservedGeneration(relation.getMetadata().getGeneration());
            next.setConditions(conditions.build());
            next.setEndpoint(endpoint);
            next.setServerVersion(serverVersion);
            boolean changed = !Objects.equals(next, relation.getStatus());
            if (changed && !Conditions.isTrue(next.getConditions(), RelationConditions.READY)) {
                String message = Conditions.find(next.getConditions(), RelationConditions.READY).map(c -> c.getMessage())
                        .orElse("");
                var previous = relation.getStatus() == null ? null : relation.getStatus().getConditions();
                if (!Conditions.alreadySaid(previous, RelationConditions.READY, false, message)) {
                    LOG.warnf("Database relation %s/%s not ready: %s", relation.getMetadata().getNamespace(),
                            relation.getMetadata().getName(), message);
                    events.warning(relation, "NotReady", message);
                }
            }
            UpdateControl<DatabaseRelation> control;
            if (changed) {
                relation.setStatus(next);
                control = UpdateControl.patchStatus(relation);
            } else {
                control = UpdateControl.noUpdate();
            }
            return retry == null ? control : control.rescheduleAfter(retry);
        }
    }
}
