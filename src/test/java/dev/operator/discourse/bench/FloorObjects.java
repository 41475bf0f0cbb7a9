package dev.operator.discourse.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.operator.discourse.api.v1alpha1.ConnectionSecretRef;
import dev.operator.discourse.api.v1alpha1.DatabaseRelationSpec;
import dev.operator.discourse.api.v1alpha1.DiscourseInstance;
import dev.operator.discourse.api.v1alpha1.DiscourseInstanceSpec;
import dev.operator.discourse.api.v1alpha1.InstanceRef;
import dev.operator.discourse.api.v1alpha1.RedisRelationSpec;
import dev.operator.discourse.api.v1alpha1.SecretKeyRef;
import dev.operator.discourse.instance.DesiredRetainedObjects;
import dev.operator.discourse.instance.DesiredServices;
import dev.operator.discourse.instance.DesiredStatefulSet;
import dev.operator.discourse.instance.migration.MigrationJobs;
import dev.operator.discourse.instance.migration.MigrationStep;
import dev.operator.discourse.relation.database.DatabaseEnv;
import dev.operator.discourse.relation.redis.RedisEnv;
import dev.operator.discourse.workload.SecretChecksum;
import dev.operator.discourse.workload.WorkloadContainer;
import dev.operator.discourse.workload.WorkloadNames;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

/**
 * What the operator creates for one forum with the benchmark's defaults, built by the product's own builders so
 * that the floor's pods are the operator's pods, with two differences that keep the operator out of it:
 * <ul>
 * <li>{@code app.kubernetes.io/managed-by} says {@link #MANAGED_BY}, so no informer of the operator (all select
 * {@link WorkloadNames#MANAGED_SELECTOR}, the migration ones {@link MigrationJobs#SELECTOR}) lists or watches them,
 * and its caches stay what they were without a floor;</li>
 * <li>no owner references: the owner would be a DiscourseInstance, which the floor has none of, and the garbage
 * collector deletes what an absent owner owns.</li>
 * </ul>
 * The workload carries what the database and Redis relations would apply (their env and checksum annotations), as
 * the operator's does before its first Job is built from it: the Jobs copy the workload's env.
 */
final class FloorObjects {

    static final String MANAGED_BY = "discourse-benchmark-floor";
    static final String SELECTOR = WorkloadNames.LABEL_MANAGED_BY + "=" + MANAGED_BY;

    final DiscourseInstance instance;
    private final StatefulSet statefulSet;

    /** The forum as BenchmarkMain#create makes it: defaults, its own database and Redis Secrets by name. */
    FloorObjects(String namespace, String name, String redisHost, int redisPort) {
        instance = new DiscourseInstance();
        instance.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        instance.setSpec(new DiscourseInstanceSpec());

        DatabaseRelationSpec db = new DatabaseRelationSpec();
        db.setInstanceRef(new InstanceRef(name));
        db.setSecretRef(new ConnectionSecretRef(name + "-db"));
        RedisRelationSpec redis = new RedisRelationSpec();
        redis.setInstanceRef(new InstanceRef(name));
        redis.setHost(redisHost);
        redis.setPort(redisPort);
        redis.setPasswordSecretRef(new SecretKeyRef(name + "-redis", "password"));

        StatefulSet sts = DesiredStatefulSet.build(instance, instance.getSpec().getReplicas());
        var container = WorkloadContainer.of(sts).orElseThrow();
        List<EnvVar> env = new ArrayList<>(container.getEnv());
        // the benchmark's database Secrets hold an sslmode, so the relation sets PGSSLMODE from it
        env.addAll(DatabaseEnv.env(db, true));
        env.addAll(RedisEnv.env(redis, redisHost));
        container.setEnv(env);
        // Nothing reads the digests here; a digest of the same length keeps the template the operator's size.
        String digest = SecretChecksum.of(new SecretBuilder().build());
        Map<String, String> annotations = new LinkedHashMap<>(sts.getSpec().getTemplate().getMetadata().getAnnotations());
        annotations.putAll(DatabaseEnv.annotations(digest));
        annotations.putAll(RedisEnv.annotations(digest));
        sts.getSpec().getTemplate().getMetadata().setAnnotations(annotations);
        relabel(sts.getMetadata());
        relabel(sts.getSpec().getTemplate().getMetadata());
        statefulSet = sts;
    }

    /**
     * What the operator makes before a pod of the forum can run: the secret_key_base Secret the pods' env names,
     * the uploads claim (to be bound before the pod can be scheduled) and the two Services.
     */
    List<HasMetadata> beforePods() {
        List<HasMetadata> objects = List.of(DesiredRetainedObjects.secretKeyBase(instance),
                DesiredRetainedObjects.uploadsClaim(instance), DesiredServices.clusterIp(instance),
                DesiredServices.headless(instance));
        objects.forEach(o -> relabel(o.getMetadata()));
        return objects;
    }

    /** The workload at the forum's replicas (1): the operator's base with the relations' fields applied. */
    StatefulSet statefulSet() {
        return statefulSet;
    }

    /** A migration Job as the operator builds it from the live workload, for the spec's image. */
    Job job(MigrationStep step) {
        Job job = MigrationJobs.build(instance, statefulSet, step, instance.getSpec().getImage(), Optional.empty());
        relabel(job.getMetadata());
        relabel(job.getSpec().getTemplate().getMetadata());
        return job;
    }

    private static void relabel(ObjectMeta meta) {
        meta.setOwnerReferences(null);
        if (meta.getLabels() != null && meta.getLabels().containsKey(WorkloadNames.LABEL_MANAGED_BY)) {
            Map<String, String> labels = new LinkedHashMap<>(meta.getLabels());
            labels.put(WorkloadNames.LABEL_MANAGED_BY, MANAGED_BY);
            meta.setLabels(labels);
        }
    }
}
