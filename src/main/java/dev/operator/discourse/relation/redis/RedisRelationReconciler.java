package dev.operator.discourse.relation.redis;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import dev.operator.discourse.api.v1alpha1.DiscourseInstance;
import dev.operator.discourse.api.v1alpha1.RedisRelation;
import dev.operator.discourse.api.v1alpha1.RedisRelationSpec;
import dev.operator.discourse.api.v1alpha1.RedisRelationStatus;
import dev.operator.discourse.api.v1alpha1.SecretKeyRef;
import dev.operator.discourse.cache.PrunedStores;
import dev.operator.discourse.relation.RelationConditions;
import dev.operator.discourse.cache.SharedCaches;
import dev.operator.discourse.relation.RelationEventSources;
import dev.operator.discourse.relation.RelationFlow;
import dev.operator.discourse.relation.RelationStatusUpdate;
import dev.operator.discourse.status.EventRecorder;
import dev.operator.discourse.workload.FieldManagers;
import dev.operator.discourse.workload.WorkloadPatch;
import dev.operator.discourse.workload.WorkloadPatcher;
import io.fabric8.kubernetes.api.model.Secret;
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
 * Binds an instance to Redis: reads the password Secret when there is one, checks the server for real, then
 * applies its env entries and checksum annotation to the workload under its own field manager. A failing
 * check leaves what it applied before in place, so an outage does not reconfigure running pods.
 */
@ControllerConfiguration(name = RedisRelationReconciler.NAME,
        informer = @Informer(itemStore = PrunedStores.WithoutManagedFields.class), fieldManager = FieldManagers.REDIS,
        maxReconciliationInterval = @MaxReconciliationInterval(interval = 5, timeUnit = TimeUnit.MINUTES))
@RBACRule(apiGroups = DiscourseInstance.GROUP, resources = "discourseinstances", verbs = { "get", "list", "watch" })
@RBACRule(apiGroups = "apps", resources = "statefulsets", verbs = { "get", "list", "watch", "patch" })
@RBACRule(apiGroups = "", resources = "secrets", verbs = { "get", "list", "watch", "patch" })
@RBACRule(apiGroups = "", resources = "events", verbs = { "create", "patch" })
public class RedisRelationReconciler implements Reconciler<RedisRelation>, Cleaner<RedisRelation> {

    public static final String NAME = "redisrelation";
    private static final Logger LOG = Logger.getLogger(RedisRelationReconciler.class);

    private final RedisCheck redis;
    private final SharedCaches caches;
    private final RelationFlow<RedisRelationStatus, RedisRelation> flow;

    public RedisRelationReconciler(RedisCheck redis, WorkloadPatcher patcher, EventRecorder events,
            SharedCaches caches) {
        this.caches = caches;
        this.redis = redis;
        this.flow = new RelationFlow<>(RedisRelationStatus::new, RedisSpecCheck::problems, RelationConditions.CONNECTED,
                "Redis", patcher, events, LOG);
    }

    @Override
    public List<EventSource<?, RedisRelation>> prepareEventSources(EventSourceContext<RedisRelation> context) {
        return RelationEventSources.of(RedisRelation.class, context, caches, RedisRelationReconciler::secretNames);
    }

    static Set<String> secretNames(RedisRelation relation) {
        SecretKeyRef ref = relation.getSpec().getPasswordSecretRef();
        return ref == null || ref.getName() == null ? Set.of() : Set.of(ref.getName());
    }

    @Override
    public UpdateControl<RedisRelation> reconcile(RedisRelation relation, Context<RedisRelation> context) {
        return flow.reconcile(relation, context, this::bind);
    }

    private UpdateControl<RedisRelation> bind(RedisRelation relation, Context<RedisRelation> context,
            RelationStatusUpdate<RedisRelationStatus, RedisRelation> status) {
        RedisRelationSpec spec = relation.getSpec();
        String host = spec.effectiveHost(relation.getMetadata().getNamespace());
        status.endpoint(host + ":" + spec.getPort() + "/" + spec.getDb());

        SecretKeyRef ref = spec.getPasswordSecretRef();
        RedisPassword.Found password = null;
        if (ref != null) {
            Optional<Secret> secret = flow.secret(relation, context, ref.getName(), status);
            if (secret.isEmpty()) {
                return status.done();
            }
            RedisPassword read = RedisPassword.of(secret.get(), ref);
            if (read instanceof RedisPassword.Unusable unusable) {
                return flow.invalidSecret(status, unusable.message()).done();
            }
            password = (RedisPassword.Found) read;
        }

        if (!spec.isSkipConnectionCheck()) {
            RedisCheckResult check = redis.check(host, spec.getPort(), password == null ? null : password.password(),
                    spec.isTls(), spec.getDb());
            status.serverVersion(check.serverVersion());
            if (!check.ready()) {
                return flow.failed(relation, status.notReady(RelationConditions.CONNECTED, check.reason(),
                        check.message())).done();
            }
            status.set(RelationConditions.CONNECTED, true, "Connected", check.message());
        } else {
            status.set(RelationConditions.CONNECTED, true, "CheckSkipped", "spec.skipConnectionCheck is set");
        }
        flow.succeeded(relation);

        var intent = WorkloadPatch.of(spec.instanceName(), relation.getMetadata().getNamespace(),
                RedisEnv.env(spec, host), RedisEnv.annotations(password == null ? null : password.checksum()));
        flow.apply(relation, intent, context, status);
        return status.done();
    }

    @Override
    public DeleteControl cleanup(RedisRelation relation, Context<RedisRelation> context) {
        flow.removeFields(relation, context);
        return DeleteControl.defaultDelete();
    }
}
