package dev.operator.discourse.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import dev.operator.discourse.api.v1alpha1.AdminSecretRef;
import dev.operator.discourse.api.v1alpha1.ConnectionSecretRef;
import dev.operator.discourse.api.v1alpha1.DatabaseRelation;
import dev.operator.discourse.api.v1alpha1.DatabaseRelationSpec;
import dev.operator.discourse.api.v1alpha1.DiscourseInstance;
import dev.operator.discourse.api.v1alpha1.DiscourseInstanceSpec;
import dev.operator.discourse.api.v1alpha1.IngressRelation;
import dev.operator.discourse.api.v1alpha1.IngressRelationSpec;
import dev.operator.discourse.api.v1alpha1.IngressTlsSpec;
import dev.operator.discourse.api.v1alpha1.InstanceRef;
import dev.operator.discourse.api.v1alpha1.ObservabilityRelation;
import dev.operator.discourse.api.v1alpha1.ObservabilityRelationSpec;
import dev.operator.discourse.api.v1alpha1.RedisRelation;
import dev.operator.discourse.api.v1alpha1.RedisRelationSpec;
import dev.operator.discourse.api.v1alpha1.RetentionPolicy;
import dev.operator.discourse.api.v1alpha1.SecretKeyRef;
import dev.operator.discourse.api.v1alpha1.UploadsStorageSpec;
import dev.operator.discourse.instance.ConfigValidator;
import dev.operator.discourse.instance.DesiredStatefulSet;
import dev.operator.discourse.instance.InstanceSecrets;
import dev.operator.discourse.instance.InstanceState;
import dev.operator.discourse.instance.RelationGate;
import dev.operator.discourse.instance.TestInstances;
import dev.operator.discourse.relation.database.DatabaseEnv;
import dev.operator.discourse.relation.ingress.HttpsEnv;
import dev.operator.discourse.relation.observability.ObservabilityPlan;
import dev.operator.discourse.relation.observability.ObservabilityWorkload;
import dev.operator.discourse.relation.observability.ServedApis;
import dev.operator.discourse.relation.redis.RedisEnv;
import dev.operator.discourse.testsupport.ManagedFieldPaths;
import dev.operator.discourse.workload.FieldManagers;
import dev.operator.discourse.workload.SecretChecksum;
import dev.operator.discourse.workload.WorkloadPatch;
import dev.operator.discourse.workload.WorkloadPatcher;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * One forum's world on the API server (its DiscourseInstance, its relations and every Secret they name) and the
 * StatefulSet its writers make of it: each writer's desired object built by the product code as its reconciler
 * builds it, from the objects as the API server stores them, and server-side applied under that writer's own
 * field manager in the reconcilers' order. No operator runs: what is under test is what the API server assembles
 * from the applies, not when the reconcilers get to them.
 */
final class AssembledWorkload {

    static final String INSTANCE = "forum";
    /** Each run has a namespace of its own; the golden files say this instead. */
    static final String GOLDEN_NAMESPACE = "forums";

    /** The writers in the order their reconcilers first apply: the instance makes the StatefulSet. */
    enum Writer {
        INSTANCE(FieldManagers.INSTANCE), DATABASE(FieldManagers.DATABASE), REDIS(FieldManagers.REDIS),
        INGRESS(FieldManagers.INGRESS), OBSERVABILITY(FieldManagers.OBSERVABILITY);

        final String manager;

        Writer(String manager) {
            this.manager = manager;
        }

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Representative forums, each named after its golden file. */
    enum Forum {
        /** Every default, and the two relations a forum cannot run without. */
        MINIMAL("minimal"),
        /** S3 and everything else the instance can set; the relations' TLS, CA, admin, pooler and backup options. */
        S3_RELATIONS("s3-relations"),
        /** https because the ingress terminates TLS, and scrape annotations because no PodMonitor is served. */
        INGRESS_TLS_OBSERVABILITY("ingress-tls-observability"),
        /** Several replicas on one ReadWriteMany volume, with a Redis password. */
        SHARED_UPLOADS("shared-uploads");

        final String file;

        Forum(String file) {
            this.file = file;
        }

        Set<Writer> writers() {
            return this == INGRESS_TLS_OBSERVABILITY ? Set.of(Writer.values())
                    : Set.of(Writer.INSTANCE, Writer.DATABASE, Writer.REDIS);
        }
    }

    /** The objects as the API server returned them, defaults filled in: what the reconcilers' caches hold. */
    record World(String namespace, DiscourseInstance instance, DatabaseRelation database, RedisRelation redis,
            Optional<IngressRelation> ingress, Optional<ObservabilityRelation> observability) {
    }

    private AssembledWorkload() {
    }

    static World create(KubernetesClient client, String ns, Forum forum) {
        DiscourseInstance instance = instance(client, ns, forum);
        DatabaseRelation database = database(client, ns, forum);
        RedisRelation redis = redis(client, ns, forum);
        Optional<IngressRelation> ingress = Optional.empty();
        Optional<ObservabilityRelation> observability = Optional.empty();
        if (forum.writers().contains(Writer.INGRESS)) {
            secret(client, ns, "forum-tls", Map.of("tls.crt", "certificate", "tls.key", "key"));
            IngressRelationSpec spec = new IngressRelationSpec();
            spec.setInstanceRef(new InstanceRef(INSTANCE));
            spec.setTls(new IngressTlsSpec("forum-tls", null, null));
            IngressRelation relation = new IngressRelation();
            relation.setMetadata(meta("web", ns));
            relation.setSpec(spec);
            ingress = Optional.of(client.resource(relation).create());
        }
        if (forum.writers().contains(Writer.OBSERVABILITY)) {
            ObservabilityRelationSpec spec = new ObservabilityRelationSpec();
            spec.setInstanceRef(new InstanceRef(INSTANCE));
            spec.getPrometheus().setTrustedIpAllowlistRegex("^100\\.64\\.");
            ObservabilityRelation relation = new ObservabilityRelation();
            relation.setMetadata(meta("monitoring", ns));
            relation.setSpec(spec);
            observability = Optional.of(client.resource(relation).create());
        }
        return new World(ns, instance, database, redis, ingress, observability);
    }

    private static DiscourseInstance instance(KubernetesClient client, String ns, Forum forum) {
        DiscourseInstanceSpec spec = switch (forum) {
            case MINIMAL -> new DiscourseInstanceSpec();
            case S3_RELATIONS -> TestInstances.full(INSTANCE).getSpec();
            case INGRESS_TLS_OBSERVABILITY -> {
                DiscourseInstanceSpec s = new DiscourseInstanceSpec();
                s.setHostname("forum.example.com");
                yield s;
            }
            case SHARED_UPLOADS -> {
                DiscourseInstanceSpec s = new DiscourseInstanceSpec();
                s.setReplicas(3);
                s.getUploads().setAccessMode(UploadsStorageSpec.AccessMode.READ_WRITE_MANY);
                s.getUploads().setStorageClassName("nfs");
                s.getUploads().setSize("200Gi");
                s.getUploads().setRetentionPolicy(RetentionPolicy.DELETE);
                s.setResources(new ResourceRequirementsBuilder()
                        .withRequests(new TreeMap<>(Map.of("cpu", new Quantity("500m"), "memory", new Quantity("2Gi"))))
                        .withLimits(Map.of("memory", new Quantity("4Gi"))).build());
                s.setNodeSelector(Map.of("kubernetes.io/arch", "amd64"));
                yield s;
            }
        };
        // Every Secret the spec names, so that the instance reconciler would roll this forum out at all.
        Map<String, Map<String, String>> named = new TreeMap<>();
        InstanceSecrets.named(spec).values().forEach(ref ->
                named.computeIfAbsent(ref.getName(), n -> new TreeMap<>()).put(ref.getKey(), "value-of-" + ref.getKey()));
        named.forEach((name, data) -> secret(client, ns, name, data));
        assertThat(ConfigValidator.validate(spec)).as("the %s forum's spec", forum.file).isEmpty();
        assertThat(InstanceSecrets.problems(spec, name -> Optional.ofNullable(client.secrets().inNamespace(ns)
                .withName(name).get()))).as("the %s forum's Secrets", forum.file).isEmpty();

        DiscourseInstance instance = new DiscourseInstance();
        instance.setMetadata(meta(INSTANCE, ns));
        instance.setSpec(spec);
        return client.resource(instance).create();
    }

    private static DatabaseRelation database(KubernetesClient client, String ns, Forum forum) {
        Map<String, String> connection = new TreeMap<>(Map.of("host", "db.example", "port", "5432", "dbname", "forum",
                "user", "forum", "password", "db-password"));
        DatabaseRelationSpec spec = new DatabaseRelationSpec();
        spec.setInstanceRef(new InstanceRef(INSTANCE));
        spec.setSecretRef(new ConnectionSecretRef("db-app"));
        if (forum == Forum.S3_RELATIONS) {
            connection.put("sslmode", "verify-full");
            secret(client, ns, "db-admin", Map.of("username", "postgres", "password", "admin-password"));
            secret(client, ns, "db-ca", Map.of("ca.crt", TestInstances.resource("/certs/idp.pem")));
            spec.setAdminSecretRef(new AdminSecretRef("db-admin"));
            spec.setCaSecretRef(new SecretKeyRef("db-ca", "ca.crt"));
            spec.setPgBouncer(true);
            spec.setBackupHost("db-primary.example");
            spec.setBackupPort(5433);
        }
        secret(client, ns, "db-app", connection);
        DatabaseRelation relation = new DatabaseRelation();
        relation.setMetadata(meta("db", ns));
        relation.setSpec(spec);
        return client.resource(relation).create();
    }

    private static RedisRelation redis(KubernetesClient client, String ns, Forum forum) {
        RedisRelationSpec spec = new RedisRelationSpec();
        spec.setInstanceRef(new InstanceRef(INSTANCE));
        spec.setHost("redis.example");
        if (forum == Forum.S3_RELATIONS || forum == Forum.SHARED_UPLOADS) {
            secret(client, ns, "redis-auth", Map.of("password", "redis-password"));
            spec.setPasswordSecretRef(new SecretKeyRef("redis-auth", "password"));
        }
        if (forum == Forum.S3_RELATIONS) {
            spec.setHost(null);
            spec.setServiceRef("redis");
            spec.setPort(6380);
            spec.setTls(true);
            spec.setDb(2);
        }
        RedisRelation relation = new RedisRelation();
        relation.setMetadata(meta("cache", ns));
        relation.setSpec(spec);
        return client.resource(relation).create();
    }

    /** What the writer's reconciler would apply for this world once its checks pass. */
    static StatefulSet intent(KubernetesClient client, World world, Writer writer) {
        String ns = world.namespace();
        return switch (writer) {
            case INSTANCE -> instanceBase(world);
            case DATABASE -> {
                // DatabaseRelationReconciler builds this inline, so it is rebuilt here from the same pieces.
                DatabaseRelationSpec spec = world.database().getSpec();
                Secret secret = read(client, ns, spec.getSecretRef().getName());
                boolean hasSslmode = secret.getData() != null && secret.getData().containsKey(spec.getSecretRef().getSslmodeKey());
                yield WorkloadPatch.of(spec.instanceName(), ns, DatabaseEnv.env(spec, hasSslmode),
                        DatabaseEnv.annotations(SecretChecksum.of(secret, spec.getSecretRef().keys())),
                        DatabaseEnv.volumes(spec), DatabaseEnv.mounts(spec));
            }
            case REDIS -> {
                // RedisRelationReconciler builds this inline too; its checksum covers the password key alone.
                RedisRelationSpec spec = world.redis().getSpec();
                SecretKeyRef ref = spec.getPasswordSecretRef();
                String checksum = ref == null ? null : SecretChecksum.of(read(client, ns, ref.getName()), List.of(ref.getKey()));
                yield WorkloadPatch.of(spec.instanceName(), ns, RedisEnv.env(spec, spec.effectiveHost(ns)),
                        RedisEnv.annotations(checksum));
            }
            case INGRESS -> {
                // and IngressRelationReconciler.
                IngressRelation relation = world.ingress().orElseThrow();
                yield WorkloadPatch.of(relation.getSpec().instanceName(), ns, HttpsEnv.env(relation.getSpec(),
                        world.instance()), Map.of());
            }
            // The cluster serves none of the monitoring CRDs, so the plan scrapes by annotations on the pod template:
            // with a PodMonitor the workload would carry the env entry alone.
            case OBSERVABILITY -> ObservabilityWorkload.intent(world.observability().orElseThrow(),
                    ObservabilityPlan.of(world.observability().get().getSpec(), ServedApis.none()));
        };
    }

    /**
     * WorkloadStatefulSetDependent#desired for a converged forum: both relations Ready and the migrations done,
     * so InstanceState gives the spec's replicas and image and holds no rollout back.
     */
    private static StatefulSet instanceBase(World world) {
        DiscourseInstance instance = world.instance();
        RelationGate ready = new RelationGate(true, true, "RelationReady", "ready");
        // DiscourseInstanceReconciler's test for an ingress that terminates TLS, inline there too.
        boolean ingressTls = world.ingress().stream()
                .anyMatch(r -> r.getMetadata().getDeletionTimestamp() == null && r.getSpec().tlsEnabled());
        InstanceState state = new InstanceState(List.of(), ready, ready, null, ingressTls, null, 0);
        int replicas = state.workloadReplicas(instance.getSpec().getReplicas());
        StatefulSet sts = DesiredStatefulSet.build(instance, replicas, state.workloadImage(instance.getSpec().getImage()),
                state.ingressTls(), state.heldRolloutPartition(replicas));
        // what JOSDK's dependent adds before it applies (KubernetesDependentResource#addReferenceHandlingMetadata)
        sts.addOwnerReference(instance);
        return sts;
    }

    /** Applies the writers' intents in the reconcilers' order and returns the StatefulSet as the server has it. */
    static StatefulSet assemble(KubernetesClient client, World world, Set<Writer> writers) {
        WorkloadPatcher patcher = new WorkloadPatcher(client);
        for (Writer writer : Writer.values()) {
            if (!writers.contains(writer)) {
                continue;
            }
            StatefulSet intent = intent(client, world, writer);
            if (writer == Writer.INSTANCE) {
                // JOSDK applies a dependent with forced conflicts; the relations' WorkloadPatcher never forces.
                client.apps().statefulSets().inNamespace(world.namespace()).resource(intent)
                        .fieldManager(writer.manager).forceConflicts().serverSideApply();
            } else if (intent.getSpec() != null) {
                // WorkloadPatcher#applyIfChanged applies an empty intent only to remove fields applied before.
                patcher.apply(intent, writer.manager);
            }
        }
        return live(client, world.namespace());
    }

    /** What a relation's cleanup applies: an empty intent under its own manager. */
    static StatefulSet remove(KubernetesClient client, World world, Writer writer) {
        new WorkloadPatcher(client).apply(WorkloadPatch.empty(INSTANCE, world.namespace()), writer.manager);
        return live(client, world.namespace());
    }

    static StatefulSet live(KubernetesClient client, String ns) {
        return client.apps().statefulSets().inNamespace(ns).withName(INSTANCE).get();
    }

    /**
     * The StatefulSet as YAML without what differs from run to run (uid, resourceVersion, creationTimestamp,
     * generation, the managers' timestamps; the owner's uid and the namespace's name become placeholders) and
     * without its status, which the StatefulSet controller reports as its pods come and go and which none of the
     * writers sets. Who owns what stays: each manager with one line per field it owns.
     */
    @SuppressWarnings("unchecked")
    static String render(StatefulSet live, String ns) {
        Map<String, Object> sts = Serialization.unmarshal(Serialization.asJson(live), LinkedHashMap.class);
        sts.remove("status");
        Map<String, Object> metadata = (Map<String, Object>) sts.get("metadata");
        metadata.keySet().removeAll(Set.of("uid", "resourceVersion", "creationTimestamp", "generation"));
        metadata.put("managedFields", owners(live));
        String yaml = Serialization.asYaml(sts).replace(ns, GOLDEN_NAMESPACE);
        // the owner's uid also keys its ownerReferences entry in managedFields
        for (OwnerReference owner : live.getMetadata().getOwnerReferences()) {
            yaml = yaml.replace(owner.getUid(), "uid-of-" + owner.getKind() + "-" + owner.getName());
        }
        return yaml;
    }

    private static List<Map<String, Object>> owners(StatefulSet live) {
        List<Map<String, Object>> owners = new ArrayList<>();
        live.getMetadata().getManagedFields().stream()
                // the controller's status writes: see render
                .filter(f -> f.getSubresource() == null || f.getSubresource().isEmpty())
                .sorted(Comparator.comparingInt(AssembledWorkload::writerOrder).thenComparing(ManagedFieldsEntry::getManager))
                .forEach(f -> {
                    Map<String, Object> owner = new LinkedHashMap<>();
                    owner.put("manager", f.getManager());
                    owner.put("operation", f.getOperation());
                    owner.put("apiVersion", f.getApiVersion());
                    owner.put("fields", ManagedFieldPaths.of(f));
                    owners.add(owner);
                });
        return owners;
    }

    private static int writerOrder(ManagedFieldsEntry entry) {
        for (Writer writer : Writer.values()) {
            if (writer.manager.equals(entry.getManager())) {
                return writer.ordinal();
            }
        }
        return Writer.values().length;
    }

    private static Secret read(KubernetesClient client, String ns, String name) {
        return client.secrets().inNamespace(ns).withName(name).require();
    }

    private static void secret(KubernetesClient client, String ns, String name, Map<String, String> data) {
        client.resource(new SecretBuilder().withMetadata(meta(name, ns)).withStringData(data).build()).create();
    }

    private static ObjectMeta meta(String name, String ns) {
        return new ObjectMetaBuilder().withName(name).withNamespace(ns).build();
    }
}
