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
import dev.operator.discourse.workload.WorkloadNames;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;

/**
 * The event sources every relation reconciler needs: its instance, the instance's workload, and the Secrets
 * it references, if any. Each maps back to the relations through an index on the relation cache, so a changed
 * Secret wakes exactly the relations that name it, and two instances never see each other's relations. Only
 * Secrets that {@link RelationSecrets} labelled are cached.
 */
public final class RelationEventSources {

    private static final String BY_INSTANCE = "by-instance";
    private static final String BY_SECRET = "by-secret";

    private RelationEventSources() {
    }

    /** For a relation kind that names Secrets. */
    public static <R extends CustomResource<? extends RelationSpec, ?>> List<EventSource<?, R>> of(Class<R> kind,
            EventSourceContext<R> context, Function<R, Set<String>> secretNames) {
        context.getPrimaryCache().addIndexer(BY_SECRET, r -> secretNames.apply(r).stream()
                .map(s -> key(r.getMetadata().getNamespace(), s)).toList());
        List<EventSource<?, R>> sources = new ArrayList<>(of(kind, context));
        sources.add(new InformerEventSource<>(secrets(kind, context, secretNames), context));
        return sources;
    }

    /** For a relation kind that names no Secret: no Secret informer at all. */
    public static <R extends CustomResource<? extends RelationSpec, ?>> List<EventSource<?, R>> of(Class<R> kind,
            EventSourceContext<R> context) {
        context.getPrimaryCache().addIndexer(BY_INSTANCE, r -> instanceName(r) == null ? List.of()
                : List.of(key(r.getMetadata().getNamespace(), instanceName(r))));

        String fieldManager = context.getControllerConfiguration().fieldManager();
        var instances = InformerEventSourceConfiguration.from(DiscourseInstance.class, kind)
                .withName("instance")
                .withItemStore(CachePruning.store(INSTANCE_SPEC_ONLY))
                .withOnUpdateFilter(RelationEventSources::specChanged)
                .withSecondaryToPrimaryMapper((DiscourseInstance i) -> relations(context, BY_INSTANCE, i))
                .withPrimaryToSecondaryMapper((R r) -> instanceId(r))
                .build();
        var workloads = InformerEventSourceConfiguration.from(StatefulSet.class, kind)
                .withName("workload")
                .withItemStore(CachePruning.store(workloadAsMatched(fieldManager)))
                .withLabelSelector(WorkloadNames.MANAGED_SELECTOR)
                .withOnUpdateFilter(RelationEventSources::specChanged)
                .withSecondaryToPrimaryMapper((StatefulSet s) -> relations(context, BY_INSTANCE, s))
                .withPrimaryToSecondaryMapper((R r) -> instanceId(r).stream()
                        .map(i -> new ResourceID(WorkloadNames.statefulSet(i.getName()), i.getNamespace().orElse(null)))
                        .collect(Collectors.toSet()))
                .build();
        return List.of(new InformerEventSource<>(instances, context), new InformerEventSource<>(workloads, context));
    }

    /**
     * A relation reads its instance's spec (to find it, and what it asks for, such as AI), never its status or
     * managedFields: its cached copy keeps neither.
     */
    static final UnaryOperator<DiscourseInstance> INSTANCE_SPEC_ONLY = CachePruning.alsoDropping(
            CachePruning.withoutManagedFields(), i -> i.setStatus(null));

    /**
     * The workload as the relation's server-side-apply matcher reads it: the spec and the relation's own
     * managedFields entry, not the other four writers' entries nor the status the StatefulSet controller keeps
     * rewriting.
     */
    static UnaryOperator<StatefulSet> workloadAsMatched(String fieldManager) {
        return CachePruning.alsoDropping(CachePruning.keepingManagedFieldsOf(fieldManager), s -> s.setStatus(null));
    }

    static <R extends CustomResource<? extends RelationSpec, ?>> InformerEventSourceConfiguration<Secret> secrets(
            Class<R> kind, EventSourceContext<R> context, Function<R, Set<String>> secretNames) {
        return InformerEventSourceConfiguration.from(Secret.class, kind)
                .withName("secrets")
                .withItemStore(CachePruning.store(CachePruning.withoutManagedFields()))
                .withLabelSelector(RelationSecrets.WATCHED_SELECTOR)
                .withSecondaryToPrimaryMapper((Secret s) -> relations(context, BY_SECRET, s))
                .withPrimaryToSecondaryMapper((R r) -> secretNames.apply(r).stream()
                        .map(n -> new ResourceID(n, r.getMetadata().getNamespace())).collect(Collectors.toSet()))
                .build();
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
