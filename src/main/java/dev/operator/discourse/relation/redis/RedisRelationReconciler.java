package dev.operator.discourse.relation.redis;

import java.time.Clock;
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
import dev.operator.discourse.relation.RelationBackoff;
import dev.operator.discourse.relation.RelationConditions;
import dev.operator.discourse.relation.RelationEventSources;
import dev.operator.discourse.relation.RelationSecrets;
import dev.operator.discourse.relation.RelationStatusUpdate;
import dev.operator.discourse.relation.RelationWorkload;
import dev.operator.discourse.status.EventRecorder;
import dev.operator.discourse.workload.FieldManagers;
import dev.operator.discourse.workload.SecretChecksum;
import dev.operator.discourse.workload.WorkloadPatch;
import dev.operator.discourse.workload.WorkloadPatcher;
import io.fabric8.kubernetes.api.model.Secret;
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
 * Binds an instance to Redis: reads the password Secret when there is one, checks the server for real, then
 * applies its env entries and checksum annotation to the workload under its own field manager. A failing
 * check leaves what it applied before in place, so an outage does not reconfigure running pods.
 */
@ControllerConfiguration(name = RedisRelationReconciler.NAME, fieldManager = FieldManagers.REDIS,
        maxReconciliationInterval = @MaxReconciliationInterval(interval = 5, timeUnit = TimeUnit.MINUTES))
@RBACRule(apiGroups = DiscourseInstance.GROUP, resources = "discourseinstances", verbs = { "get", "list", "watch" })
@RBACRule(apiGroups = "apps", resources = "statefulsets", verbs = { "get", "list", "watch", "patch" })
@RBACRule(apiGroups = "", resources = "secrets", verbs = { "get", "list", "watch", "patch" })
@RBACRule(apiGroups = "", resources = "events", verbs = { "create", "patch" })
public class RedisRelationReconciler implements Reconciler<RedisRelation>, Cleaner<RedisRelation> {

    public static final String NAME = "redisrelation";
    private static final Logger LOG = Logger.getLogger(RedisRelationReconciler.class);

    private final RedisCheck redis;
    private final WorkloadPatcher patcher;
    private final EventRecorder events;
    private final RelationBackoff backoff = new RelationBackoff();
    private final Clock clock = Clock.systemUTC();

    public RedisRelationReconciler(RedisCheck redis, WorkloadPatcher patcher, EventRecorder events) {
        this.redis = redis;
        this.patcher = patcher;
        this.events = events;
    }

    @Override
    public List<EventSource<?, RedisRelation>> prepareEventSources(EventSourceContext<RedisRelation> context) {
        return RelationEventSources.of(RedisRelation.class, context, RedisRelationReconciler::secretNames);
    }

    static Set<String> secretNames(RedisRelation relation) {
        SecretKeyRef ref = relation.getSpec().getPasswordSecretRef();
        return ref == null || ref.getName() == null ? Set.of() : Set.of(ref.getName());
    }

    @Override
    public UpdateControl<RedisRelation> reconcile(RedisRelation relation, Context<RedisRelation> context) {
        var status = new RelationStatusUpdate<>(relation, RedisRelationStatus::new, events, LOG, clock);
        RedisRelationSpec spec = relation.getSpec();
        String ns = relation.getMetadata().getNamespace();

        if (!RelationWorkload.instanceFound(relation, context, status)) {
            return status.done();
        }
        String host = spec.effectiveHost(ns);
        if (host.isEmpty()) {
            return status.notReady(RelationConditions.CONNECTED, "InvalidSpec",
                    "Set spec.host or spec.serviceRef").done();
        }
        status.endpoint(host + ":" + spec.getPort() + "/" + spec.getDb());

        SecretKeyRef ref = spec.getPasswordSecretRef();
        String password = null;
        String checksum = null;
        if (ref != null) {
            if (!SecretKeyRef.isSet(ref)) {
                return status.notReady(RelationConditions.CONNECTED, "InvalidSpec",
                        "spec.passwordSecretRef needs both name and key").done();
            }
            Optional<Secret> secret = RelationSecrets.find(context, relation, ref.getName());
            if (secret.isEmpty()) {
                return status.notReady(RelationConditions.CONNECTED, "SecretNotFound",
                        "Secret " + ref.getName() + " not found").done(RelationSecrets.MISSING_RECHECK);
            }
            if (secret.get().getData() == null || !secret.get().getData().containsKey(ref.getKey())) {
                return status.notReady(RelationConditions.CONNECTED, "InvalidSecret",
                        "Secret " + ref.getName() + " has no key " + ref.getKey()).done();
            }
            password = RelationSecrets.decode(secret.get().getData().get(ref.getKey()));
            if (password.isEmpty()) {
                // Discourse reads an empty DISCOURSE_REDIS_PASSWORD as none: a named but empty key is a mistake
                return status.notReady(RelationConditions.CONNECTED, "InvalidSecret", "Secret " + ref.getName()
                        + " key " + ref.getKey() + " is empty; leave spec.passwordSecretRef out for a Redis without"
                        + " a password").done();
            }
            checksum = SecretChecksum.of(secret.get(), List.of(ref.getKey()));
        }

        ResourceID id = ResourceID.fromResource(relation);
        if (!spec.isSkipConnectionCheck()) {
            RedisCheckResult check = redis.check(host, spec.getPort(), password, spec.isTls(), spec.getDb());
            status.serverVersion(check.serverVersion());
            if (!check.ready()) {
                return status.notReady(RelationConditions.CONNECTED, check.reason(), check.message())
                        .done(backoff.failed(id));
            }
            status.set(RelationConditions.CONNECTED, true, "Connected", check.message());
        } else {
            status.set(RelationConditions.CONNECTED, true, "CheckSkipped", "spec.skipConnectionCheck is set");
        }
        backoff.succeeded(id);

        var intent = WorkloadPatch.of(spec.instanceName(), ns, RedisEnv.env(spec, host), RedisEnv.annotations(checksum));
        return RelationWorkload.apply(relation, intent, context, patcher, status).done();
    }

    @Override
    public DeleteControl cleanup(RedisRelation relation, Context<RedisRelation> context) {
        RelationWorkload.remove(relation, context, patcher, events, "Redis");
        return DeleteControl.defaultDelete();
    }
}
