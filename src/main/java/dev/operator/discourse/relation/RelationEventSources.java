package dev.operator.discourse.relation;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import dev.operator.discourse.api.v1alpha1.DiscourseInstance;
import dev.operator.discourse.api.v1alpha1.RelationSpec;
import dev.operator.discourse.cache.CachePruning;
import dev.operator.discourse.cache.SharedCacheEventSource;
import dev.operator.discourse.cache.SharedCacheSpec;
import dev.operator.discourse.cache.SharedCaches;
import dev.operator.discourse.workload.FieldManagers;
import dev.operator.discourse.workload.WorkloadNames;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;

/**
 * The event sources every relation reconciler needs: its instance, the instance's workload, and the Secrets
 * it references, if any. Each maps back to the relations through an index on the relation cache, so a changed
 * Secret wakes exactly the relations that name it, and two instances never see each other's relations. Only
 * Secrets that {@link RelationSecrets} labelled are cached. The caches are shared by the relation kinds (and
 * the instances' by the user tasks): one copy of each object however many kinds read it.
 */
public final class RelationEventSources {

    private static final String BY_INSTANCE = "by-instance";
    private static final String BY_SECRET = "by-secret";

    private RelationEventSources() {
    }

    /** For a relation kind that names Secrets. */
    public static <R extends CustomResource<? extends RelationSpec, ?>> List<EventSource<?, R>> of(Class<R> kind,
            EventSourceContext<R> context, SharedCaches caches, Function<R, Set<String>> secretNames) {
        context.getPrimaryCache().addIndexer(BY_SECRET, r -> secretNames.apply(r).stream()
                .map(s -> key(r.getMetadata().getNamespace(), s)).toList());
        List<EventSource<?, R>> sources = new ArrayList<>(of(kind, context, caches));
        sources.add(new SharedCacheEventSource<>("secrets", WATCHED_SECRETS, caches, context,
                (Secret s) -> relations(context, BY_SECRET, s),
                (R r) -> secretNames.apply(r).stream()
                        .map(n -> new ResourceID(n, r.getMetadata().getNamespace())).collect(Collectors.toSet())));
        return sources;
    }

    /** For a relation kind that names no Secret: no Secret cache at all. */
    public static <R extends CustomResource<? extends RelationSpec, ?>> List<EventSource<?, R>> of(Class<R> kind,
            EventSourceContext<R> context, SharedCaches caches) {
        context.getPrimaryCache().addIndexer(BY_INSTANCE, r -> instanceName(r) == null ? List.of()
                : List.of(key(r.getMetadata().getNamespace(), instanceName(r))));
        var instances = new SharedCacheEventSource<>("instance", INSTANCES, caches, context,
                (DiscourseInstance i) -> relations(context, BY_INSTANCE, i), (R r) -> instanceId(r));
        instances.setOnUpdateFilter(RelationEventSources::specChanged);
        // web and, when Sidekiq runs on its own, the Sidekiq workload: found by the instance label both carry
        var workloads = new SharedCacheEventSource<>("workload", WORKLOADS, caches, context,
                (StatefulSet s) -> WorkloadNames.instanceOf(s) == null ? Set.<ResourceID>of()
                        : relationsOf(context, s.getMetadata().getNamespace(), WorkloadNames.instanceOf(s)),
                (R r) -> instanceId(r).stream()
                        .flatMap(i -> WorkloadNames.workloads(i.getName()).stream()
                                .map(w -> new ResourceID(w, i.getNamespace().orElse(null))))
                        .collect(Collectors.toSet()));
        workloads.setOnUpdateFilter(RelationEventSources::specChanged);
        return List.of(instances, workloads);
    }

    /**
     * The instances as the relations and the user tasks read them: the spec (to find an instance, and what it
     * asks for, such as AI), never the status or managedFields. One copy for every kind that reads them.
     */
    public static final SharedCacheSpec<DiscourseInstance> INSTANCES = new SharedCacheSpec<>("instances",
            DiscourseInstance.class, null,
            CachePruning.alsoDropping(CachePruning.withoutManagedFields(), i -> i.setStatus(null)));

    /**
     * The workloads as the relations' server-side-apply matchers read them: the spec and the relations' own
     * managedFields entries, not the instance reconciler's nor the status the StatefulSet controller keeps
     * rewriting. One copy for the four relation kinds.
     */
    static final SharedCacheSpec<StatefulSet> WORKLOADS = new SharedCacheSpec<>("relation-workloads",
            StatefulSet.class, WorkloadNames.MANAGED_SELECTOR, workloadAsMatched(FieldManagers.DATABASE,
                    FieldManagers.REDIS, FieldManagers.INGRESS, FieldManagers.OBSERVABILITY));

    /** The Secrets {@link RelationSecrets} labelled, for every relation kind that names Secrets. */
    static final SharedCacheSpec<Secret> WATCHED_SECRETS = new SharedCacheSpec<>("watched-secrets", Secret.class,
            RelationSecrets.WATCHED_SELECTOR, CachePruning.withoutManagedFields());

    static UnaryOperator<StatefulSet> workloadAsMatched(String... fieldManagers) {
        return CachePruning.alsoDropping(CachePruning.keepingManagedFieldsOf(fieldManagers), s -> s.setStatus(null));
    }

    /**
     * Relations read their instance's and its StatefulSet's spec, never their status: a status write (every pod
     * becoming ready, every instance phase) would otherwise wake every relation of the instance and have each
     * check its server again, for nothing. Creation and deletion always pass.
     */
    static boolean specChanged(HasMetadata now, HasMetadata before) {
        return !Objects.equals(now.getMetadata().getGeneration(), before.getMetadata().getGeneration());
    }

    /** The DiscourseInstance a relation names, in the relation's namespace; none when it names none. */
    public static Set<ResourceID> instanceId(CustomResource<? extends RelationSpec, ?> r) {
        String name = instanceName(r);
        return name == null ? Set.of() : Set.of(new ResourceID(name, r.getMetadata().getNamespace()));
    }

    private static <R extends CustomResource<? extends RelationSpec, ?>> Set<ResourceID> relationsOf(
            EventSourceContext<R> context, String namespace, String instance) {
        return context.getPrimaryCache().byIndex(BY_INSTANCE, key(namespace, instance)).stream()
                .map(ResourceID::fromResource).collect(Collectors.toSet());
    }

    private static <R extends CustomResource<? extends RelationSpec, ?>> Set<ResourceID> relations(
            EventSourceContext<R> context, String index, HasMetadata secondary) {
        return context.getPrimaryCache()
                .byIndex(index, key(secondary.getMetadata().getNamespace(), secondary.getMetadata().getName()))
                .stream().map(ResourceID::fromResource).collect(Collectors.toSet());
    }

    private static String instanceName(CustomResource<? extends RelationSpec, ?> r) {
        return r.getSpec() == null ? null : r.getSpec().instanceName();
    }

    private static String key(String namespace, String name) {
        return namespace + "/" + name;
    }
}
