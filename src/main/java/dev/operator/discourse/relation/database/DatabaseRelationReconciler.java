package dev.operator.discourse.relation.database;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import dev.operator.discourse.api.v1alpha1.AiSpec;
import dev.operator.discourse.api.v1alpha1.DatabaseRelation;
import dev.operator.discourse.api.v1alpha1.DatabaseRelationSpec;
import dev.operator.discourse.api.v1alpha1.DatabaseRelationStatus;
import dev.operator.discourse.api.v1alpha1.DiscourseInstance;
import dev.operator.discourse.api.v1alpha1.SecretKeyRef;
import dev.operator.discourse.cache.PrunedStores;
import dev.operator.discourse.relation.RelationConditions;
import dev.operator.discourse.cache.SharedCaches;
import dev.operator.discourse.relation.RelationEventSources;
import dev.operator.discourse.relation.RelationFlow;
import dev.operator.discourse.relation.RelationSecrets;
import dev.operator.discourse.relation.RelationStatusUpdate;
import dev.operator.discourse.status.EventRecorder;
import dev.operator.discourse.workload.FieldManagers;
import dev.operator.discourse.workload.SecretChecksum;
import dev.operator.discourse.workload.WorkloadPatch;
import dev.operator.discourse.workload.WorkloadPatcher;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.MaxReconciliationInterval;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.quarkiverse.operatorsdk.annotations.RBACRule;

/**
 * Binds an instance to PostgreSQL: reads the user's Secret, checks the server for real, creates extensions,
 * then applies its env entries and checksum annotation to the workload under its own field manager. A
 * failing check leaves what it applied before in place, so an outage does not reconfigure running pods.
 */
@ControllerConfiguration(name = DatabaseRelationReconciler.NAME,
        informer = @Informer(itemStore = PrunedStores.WithoutManagedFields.class), fieldManager = FieldManagers.DATABASE,
        maxReconciliationInterval = @MaxReconciliationInterval(interval = 5, timeUnit = TimeUnit.MINUTES))
@RBACRule(apiGroups = DiscourseInstance.GROUP, resources = "discourseinstances", verbs = { "get", "list", "watch" })
@RBACRule(apiGroups = "apps", resources = "statefulsets", verbs = { "get", "list", "watch", "patch" })
@RBACRule(apiGroups = "", resources = "secrets", verbs = { "get", "list", "watch", "patch" })
@RBACRule(apiGroups = "", resources = "events", verbs = { "create", "patch" })
public class DatabaseRelationReconciler implements Reconciler<DatabaseRelation>, Cleaner<DatabaseRelation> {

    public static final String NAME = "databaserelation";
    private static final Logger LOG = Logger.getLogger(DatabaseRelationReconciler.class);

    private final PostgresCheck postgres;
    private final SharedCaches caches;
    private final RelationFlow<DatabaseRelationStatus, DatabaseRelation> flow;

    public DatabaseRelationReconciler(PostgresCheck postgres, WorkloadPatcher patcher, EventRecorder events,
            SharedCaches caches) {
        this.caches = caches;
        this.postgres = postgres;
        this.flow = new RelationFlow<>(DatabaseRelationStatus::new, DatabaseRelationReconciler::specProblems,
                RelationConditions.CONNECTED, "database", patcher, events, LOG);
    }

    @Override
    public List<EventSource<?, DatabaseRelation>> prepareEventSources(EventSourceContext<DatabaseRelation> context) {
        return RelationEventSources.of(DatabaseRelation.class, context, caches, DatabaseRelationReconciler::secretNames);
    }

    static Set<String> secretNames(DatabaseRelation relation) {
        Set<String> names = new LinkedHashSet<>();
        DatabaseRelationSpec spec = relation.getSpec();
        if (spec.getSecretRef() != null && !blank(spec.getSecretRef().getName())) {
            names.add(spec.getSecretRef().getName());
        }
        if (spec.getAdminSecretRef() != null && !blank(spec.getAdminSecretRef().getName())) {
            names.add(spec.getAdminSecretRef().getName());
        }
        if (SecretKeyRef.isSet(spec.getCaSecretRef())) {
            names.add(spec.getCaSecretRef().getName());
        }
        return names;
    }

    /** What the schema lets through that names no Secret. */
    static List<String> specProblems(DatabaseRelation relation) {
        return blank(relation.getSpec().getSecretRef().getName()) ? List.of("spec.secretRef.name is empty") : List.of();
    }

    @Override
    public UpdateControl<DatabaseRelation> reconcile(DatabaseRelation relation, Context<DatabaseRelation> context) {
        return flow.reconcile(relation, context, this::bind);
    }

    private UpdateControl<DatabaseRelation> bind(DatabaseRelation relation, Context<DatabaseRelation> context,
            RelationStatusUpdate<DatabaseRelationStatus, DatabaseRelation> status) {
        DatabaseRelationSpec spec = relation.getSpec();
        Optional<Secret> secret = flow.secret(relation, context, spec.getSecretRef().getName(), status);
        if (secret.isEmpty()) {
            return status.done();
        }
        var parsed = DatabaseConnection.from(secret.get(), spec.getSecretRef());
        if (parsed instanceof DatabaseConnection.Invalid invalid) {
            return flow.invalidSecret(status, invalid.message()).done();
        }
        DatabaseConnection app = ((DatabaseConnection.Ok) parsed).connection();
        status.endpoint(app.endpoint());
        var ca = DatabaseCa.read(context, relation, app);
        if (ca instanceof DatabaseCa.Missing missing) {
            return status.notReady(RelationConditions.CONNECTED, missing.reason(), missing.message())
                    .done(RelationSecrets.MISSING_RECHECK);
        }
        app = ((DatabaseCa.Found) ca).connection();
        List<String> extensions = requiredExtensions(spec, context.getSecondaryResource(DiscourseInstance.class));

        if (!spec.isSkipConnectionCheck()) {
            DatabaseCheckResult check = postgres.check(app, admin(context, relation, app), extensions);
            status.serverVersion(check.serverVersion());
            if (!check.ready()) {
                status.set(RelationConditions.CONNECTED, check.connected(),
                        check.connected() ? "Connected" : check.reason(), check.connected() ? "" : check.message());
                return flow.failed(relation, status.notReady(RelationConditions.EXTENSIONS_READY, check.reason(),
                        check.message())).done();
            }
            status.set(RelationConditions.CONNECTED, true, "Connected", check.message());
            status.set(RelationConditions.EXTENSIONS_READY, true, "ExtensionsReady", String.join(", ", extensions));
        } else {
            status.set(RelationConditions.CONNECTED, true, "CheckSkipped", "spec.skipConnectionCheck is set");
            status.set(RelationConditions.EXTENSIONS_READY, true, "CheckSkipped", "not created by the operator");
        }
        flow.succeeded(relation);

        boolean hasSslmode = secret.get().getData() != null
                && secret.get().getData().containsKey(spec.getSecretRef().getSslmodeKey());
        // only the keys read: a key nobody reads (CloudNativePG's uri, pgpass, ...) changing must not roll the pods
        StatefulSet intent = WorkloadPatch.of(spec.instanceName(), relation.getMetadata().getNamespace(),
                DatabaseEnv.env(spec, hasSslmode),
                DatabaseEnv.annotations(SecretChecksum.of(secret.get(), spec.getSecretRef().keys())),
                DatabaseEnv.volumes(spec), DatabaseEnv.mounts(spec));
        flow.apply(relation, intent, context, status);
        return status.done();
    }

    @Override
    public DeleteControl cleanup(DatabaseRelation relation, Context<DatabaseRelation> context) {
        flow.removeFields(relation, context);
        return DeleteControl.defaultDelete();
    }

    private static boolean blank(String name) {
        return name == null || name.isBlank();
    }

    /** The spec's extensions, and vector when the instance runs Discourse AI, whose migrations need it. */
    static List<String> requiredExtensions(DatabaseRelationSpec spec, Optional<DiscourseInstance> instance) {
        Set<String> extensions = new LinkedHashSet<>(spec.getExtensions() == null ? List.of() : spec.getExtensions());
        if (instance.map(i -> i.getSpec().getAi().isEnabled()).orElse(false)) {
            extensions.add(AiSpec.VECTOR_EXTENSION);
        }
        return List.copyOf(extensions);
    }

    private static Optional<DatabaseConnection> admin(Context<DatabaseRelation> context, DatabaseRelation relation,
            DatabaseConnection app) {
        var ref = relation.getSpec().getAdminSecretRef();
        if (ref == null || blank(ref.getName())) {
            return Optional.empty();
        }
        return RelationSecrets.find(context, relation, ref.getName()).map(Secret::getData)
                .filter(d -> d != null && d.containsKey(ref.getUserKey()) && d.containsKey(ref.getPasswordKey()))
                .map(d -> app.withCredentials(RelationSecrets.decode(d.get(ref.getUserKey())).trim(),
                        RelationSecrets.decode(d.get(ref.getPasswordKey()))));
    }
}
