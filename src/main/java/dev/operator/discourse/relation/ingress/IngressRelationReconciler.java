package dev.operator.discourse.relation.ingress;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.jboss.logging.Logger;

import dev.operator.discourse.api.v1alpha1.DiscourseInstance;
import dev.operator.discourse.api.v1alpha1.IngressRelation;
import dev.operator.discourse.api.v1alpha1.IngressRelationSpec;
import dev.operator.discourse.api.v1alpha1.IngressRelationStatus;
import dev.operator.discourse.cache.PrunedStores;
import dev.operator.discourse.instance.InstanceEnv;
import dev.operator.discourse.relation.RelationConditions;
import dev.operator.discourse.cache.SharedCaches;
import dev.operator.discourse.relation.RelationEventSources;
import dev.operator.discourse.relation.RelationFlow;
import dev.operator.discourse.relation.RelationSecrets;
import dev.operator.discourse.relation.RelationStatusUpdate;
import dev.operator.discourse.relation.RelationWorkload;
import dev.operator.discourse.status.ApiRefusal;
import dev.operator.discourse.status.EventRecorder;
import dev.operator.discourse.workload.FieldManagers;
import dev.operator.discourse.workload.WorkloadNames;
import dev.operator.discourse.workload.WorkloadPatch;
import dev.operator.discourse.workload.WorkloadPatcher;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.MaxReconciliationInterval;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.SSABasedGenericKubernetesResourceMatcher;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import io.quarkiverse.operatorsdk.annotations.RBACRule;

/**
 * Exposes an instance through an Ingress (or a Gateway API HTTPRoute) owned by the relation, and tells the
 * workload it is reached over https when the ingress terminates TLS ({@link HttpsEnv}).
 * What the cluster lacks (an IngressClass, the Gateway API) is a condition rechecked every minute: nothing
 * changes in the cluster when such a thing is installed that this operator would be told about.
 */
@ControllerConfiguration(name = IngressRelationReconciler.NAME,
        informer = @Informer(itemStore = PrunedStores.WithoutManagedFields.class), fieldManager = FieldManagers.INGRESS,
        maxReconciliationInterval = @MaxReconciliationInterval(interval = 5, timeUnit = TimeUnit.MINUTES))
@RBACRule(apiGroups = DiscourseInstance.GROUP, resources = "discourseinstances", verbs = { "get", "list", "watch" })
@RBACRule(apiGroups = "apps", resources = "statefulsets", verbs = { "get", "list", "watch", "patch" })
@RBACRule(apiGroups = "", resources = "secrets", verbs = { "get", "list", "watch", "patch" })
@RBACRule(apiGroups = "", resources = "events", verbs = { "create", "patch" })
@RBACRule(apiGroups = "networking.k8s.io", resources = "ingresses",
        verbs = { "get", "list", "watch", "create", "update", "patch", "delete" })
@RBACRule(apiGroups = "networking.k8s.io", resources = "ingressclasses", verbs = { "get", "list", "watch" })
@RBACRule(apiGroups = DesiredHttpRoute.GROUP, resources = "httproutes",
        verbs = { "get", "list", "watch", "create", "update", "patch", "delete" })
public class IngressRelationReconciler implements Reconciler<IngressRelation>, Cleaner<IngressRelation> {

    public static final String NAME = "ingressrelation";
    public static final String ROUTED = "Routed";
    public static final String TLS_SECRET_FOUND = "TlsSecretFound";
    static final Duration RECHECK = Duration.ofMinutes(1);
    private static final Logger LOG = Logger.getLogger(IngressRelationReconciler.class);

    private final RouteClient routes;
    private final SharedCaches caches;
    private final RelationFlow<IngressRelationStatus, IngressRelation> flow;

    public IngressRelationReconciler(RouteClient routes, WorkloadPatcher patcher, EventRecorder events,
            SharedCaches caches) {
        this.caches = caches;
        this.routes = routes;
        this.flow = new RelationFlow<>(IngressRelationStatus::new, r -> IngressSpecCheck.problems(r.getSpec()),
                RelationConditions.READY, "https", patcher, events, LOG);
    }

    @Override
    public List<EventSource<?, IngressRelation>> prepareEventSources(EventSourceContext<IngressRelation> context) {
        List<EventSource<?, IngressRelation>> sources = new ArrayList<>(
                RelationEventSources.of(IngressRelation.class, context, caches, IngressRelationReconciler::secretNames));
        // The controller's load balancer address arrives as a status change of the Ingress.
        var ingresses = InformerEventSourceConfiguration.from(Ingress.class, IngressRelation.class)
                .withName("ingress")
                .withLabelSelector(WorkloadNames.MANAGED_SELECTOR)
                .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(IngressRelation.class, false))
                .withPrimaryToSecondaryMapper((IngressRelation r) -> Set.of(
                        new ResourceID(IngressNames.route(r), r.getMetadata().getNamespace())))
                .build();
        sources.add(new InformerEventSource<>(ingresses, context));
        return sources;
    }

    static Set<String> secretNames(IngressRelation relation) {
        String secret = relation.getSpec() == null ? null : IngressNames.tlsSecret(relation.getSpec());
        return secret == null ? Set.of() : Set.of(secret);
    }

    @Override
    public UpdateControl<IngressRelation> reconcile(IngressRelation relation, Context<IngressRelation> context) {
        return flow.reconcile(relation, context, this::bind);
    }

    private UpdateControl<IngressRelation> bind(IngressRelation relation, Context<IngressRelation> context,
            RelationStatusUpdate<IngressRelationStatus, IngressRelation> status) {
        IngressRelationSpec spec = relation.getSpec();
        DiscourseInstance instance = context.getSecondaryResource(DiscourseInstance.class).orElseThrow();
        String hostname = InstanceEnv.hostname(instance);
        status.with(s -> s.setUrl(IngressNames.url(spec, hostname)));

        try {
            Optional<Duration> recheck = spec.getHttpRoute() == null ? ingress(relation, hostname, context, status)
                    : httpRoute(relation, hostname, context, status);
            if (recheck.isPresent()) {
                return status.done(recheck.get());
            }
        } catch (KubernetesClientException e) {
            // A webhook or the schema refused the object: say why, and retry later rather than at once.
            return flow.failed(relation, status.notReady(ROUTED, "Refused", "The API server refused the route: "
                    + ApiRefusal.message(e))).done();
        }
        flow.succeeded(relation);

        var intent = WorkloadPatch.of(spec.instanceName(), relation.getMetadata().getNamespace(),
                HttpsEnv.env(spec, instance), Map.of());
        if (!flow.apply(relation, intent, context, status)) {
            return status.done();
        }
        if (!RelationWorkload.webFound(context, spec.instanceName())) {
            return status.done();
        }
        status.set(RelationConditions.READY, true, "Ready", "Serving " + IngressNames.url(spec, hostname));
        return tlsSecretFound(relation, context, status) ? status.done() : status.done(RelationSecrets.MISSING_RECHECK);
    }

    /** The Ingress mode; a duration when the relation must wait for the cluster and be looked at again. */
    private Optional<Duration> ingress(IngressRelation relation, String hostname, Context<IngressRelation> context,
            RelationStatusUpdate<IngressRelationStatus, IngressRelation> status) {
        String ns = relation.getMetadata().getNamespace();
        IngressClassChoice choice = IngressClassChoice.of(relation.getSpec().getIngressClassName(), routes.ingressClasses());
        if (!choice.found()) {
            status.notReady(IngressClassChoice.CONDITION, choice.reason(), choice.message());
            return Optional.of(RECHECK);
        }
        status.set(IngressClassChoice.CONDITION, true, choice.reason(), choice.message());
        deleteOwnedHttpRoute(relation);

        Ingress desired = DesiredIngress.build(relation, hostname, choice.className());
        Optional<Ingress> live = context.getSecondaryResource(Ingress.class);
        if (live.isEmpty() || !SSABasedGenericKubernetesResourceMatcher.<Ingress>getInstance()
                .matches(live.get(), desired, context)) {
            routes.apply(desired, context.getControllerConfiguration().fieldManager());
            LOG.infof("Applied Ingress %s/%s for %s", ns, desired.getMetadata().getName(), hostname);
        }
        status.with(s -> s.setLoadBalancer(IngressAddresses.of(live.orElse(null))));
        status.set(ROUTED, true, "IngressApplied", "Ingress " + desired.getMetadata().getName() + " routes "
                + hostname + " to Service " + WorkloadNames.service(relation.getSpec().instanceName()) + ":"
                + WorkloadNames.HTTP_PORT);
        return Optional.empty();
    }

    private Optional<Duration> httpRoute(IngressRelation relation, String hostname, Context<IngressRelation> context,
            RelationStatusUpdate<IngressRelationStatus, IngressRelation> status) {
        String ns = relation.getMetadata().getNamespace();
        Optional<String> version = routes.httpRouteVersion();
        if (version.isEmpty()) {
            // An Ingress made before the switch keeps serving until the route that replaces it exists.
            status.notReady(ROUTED, "GatewayApiNotInstalled", "spec.httpRoute needs the Gateway API, but the cluster "
                    + "does not serve " + DesiredHttpRoute.GROUP + " HTTPRoute");
            return Optional.of(RECHECK);
        }
        GenericKubernetesResource desired = DesiredHttpRoute.build(relation, hostname, version.get());
        Optional<GenericKubernetesResource> live = routes.route(version.get(), ns, IngressNames.route(relation));
        if (live.isEmpty() || !SSABasedGenericKubernetesResourceMatcher.<GenericKubernetesResource>getInstance()
                .matches(live.get(), desired, context)) {
            routes.apply(desired, context.getControllerConfiguration().fieldManager());
            LOG.infof("Applied HTTPRoute %s/%s for %s", ns, desired.getMetadata().getName(), hostname);
        }
        deleteOwnedIngress(relation, context);
        status.set(ROUTED, true, "HTTPRouteApplied", "HTTPRoute " + desired.getMetadata().getName() + " ("
                + desired.getApiVersion() + ") routes " + hostname + " to Service "
                + WorkloadNames.service(relation.getSpec().instanceName()) + ":" + WorkloadNames.HTTP_PORT);
        return Optional.empty();
    }

    /** A named Secret is the user's to provide; one cert-manager writes may not exist yet, and that is fine. */
    private static boolean tlsSecretFound(IngressRelation relation, Context<IngressRelation> context,
            RelationStatusUpdate<IngressRelationStatus, IngressRelation> status) {
        IngressRelationSpec spec = relation.getSpec();
        String secret = IngressNames.tlsSecret(spec);
        if (secret == null || spec.getTls().certManager() || spec.getHttpRoute() != null) {
            return true;
        }
        var found = RelationSecrets.find(context, relation, secret);
        if (found.isEmpty()) {
            status.notReady(TLS_SECRET_FOUND, "SecretNotFound", "TLS Secret " + secret + " not found in "
                    + relation.getMetadata().getNamespace() + ": the ingress serves its default certificate");
            return false;
        }
        // what an ingress controller reads (the kubernetes.io/tls layout), whatever the Secret's type says
        Map<String, String> data = found.get().getData() == null ? Map.of() : found.get().getData();
        List<String> missing = Stream.of("tls.crt", "tls.key").filter(k -> !data.containsKey(k)).toList();
        if (!missing.isEmpty()) {
            status.notReady(TLS_SECRET_FOUND, "InvalidSecret", "TLS Secret " + secret + " has no "
                    + String.join(" and no ", missing) + ": the ingress serves its default certificate");
            return false;
        }
        status.set(TLS_SECRET_FOUND, true, "SecretFound", "TLS Secret " + secret);
        return true;
    }

    private void deleteOwnedIngress(IngressRelation relation, Context<IngressRelation> context) {
        context.getSecondaryResource(Ingress.class).filter(i -> ownedBy(i, relation)).ifPresent(
                i -> routes.deleteIngress(relation.getMetadata().getNamespace(), i.getMetadata().getName()));
    }

    /** Only where the Gateway API is served: without it there can be no HTTPRoute to delete. */
    private void deleteOwnedHttpRoute(IngressRelation relation) {
        String ns = relation.getMetadata().getNamespace();
        String name = IngressNames.route(relation);
        routes.httpRouteVersion()
                .filter(v -> routes.route(v, ns, name).filter(r -> ownedBy(r, relation)).isPresent())
                .ifPresent(v -> routes.deleteRoute(v, ns, name));
    }

    private static boolean ownedBy(HasMetadata object, IngressRelation relation) {
        return object.getMetadata().getOwnerReferences() != null && object.getMetadata().getOwnerReferences().stream()
                .anyMatch(o -> relation.getMetadata().getUid() != null && relation.getMetadata().getUid().equals(o.getUid()));
    }

    @Override
    public DeleteControl cleanup(IngressRelation relation, Context<IngressRelation> context) {
        // The owner reference lets the garbage collector do this too; deleting here does not wait for it.
        deleteOwnedIngress(relation, context);
        deleteOwnedHttpRoute(relation);
        flow.removeFields(relation, context);
        return DeleteControl.defaultDelete();
    }
}
