package dev.operator.discourse.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.operator.discourse.api.v1alpha1.DatabaseRelation;
import dev.operator.discourse.api.v1alpha1.DiscourseInstance;
import dev.operator.discourse.api.v1alpha1.DiscourseInstanceSpec;
import dev.operator.discourse.api.v1alpha1.IngressRelation;
import dev.operator.discourse.api.v1alpha1.IngressRelationSpec;
import dev.operator.discourse.api.v1alpha1.IngressTlsSpec;
import dev.operator.discourse.api.v1alpha1.InstanceRef;
import dev.operator.discourse.api.v1alpha1.RedisRelation;
import dev.operator.discourse.relation.RelationSecrets;
import dev.operator.discourse.relation.ingress.HttpsEnv;
import dev.operator.discourse.testsupport.KubeApiServerResource;
import dev.operator.discourse.testsupport.OperatorEvents;
import dev.operator.discourse.testsupport.ManagedFields;
import dev.operator.discourse.testsupport.RequiresKubeApiServer;
import dev.operator.discourse.testsupport.TestNamespace;
import dev.operator.discourse.workload.FieldManagers;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClassBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressLoadBalancerIngressBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The ingress relation against a real kube-apiserver: the Ingress or HTTPRoute it owns, the one workload
 * field it owns, and what it says when the cluster lacks an IngressClass or the Gateway API. The database and
 * Redis relations skip their server checks here; only their fields on the workload matter.
 */
@QuarkusTest
@RequiresKubeApiServer
@QuarkusTestResource(value = KubeApiServerResource.class, restrictToAnnotatedClass = false)
class IngressRelationIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(40);
    private static final String HOST = "forum.example.com";

    KubernetesClient client;
    String ns;
    String ingressClass;
    TestNamespace namespace;

    @BeforeEach
    void namespace() {
        client = KubeApiServerResource.client();
        namespace = TestNamespace.withSucceedingJobs(client, "it-ing-");
        ns = namespace.name;
        // Cluster-scoped and shared by every test class: a class of this test's own, never a default one.
        ingressClass = ns + "-nginx";
    }

    @AfterEach
    void cleanup() {
        namespace.close();
        client.network().v1().ingressClasses().withName(ingressClass).delete();
    }

    @Test
    void aTlsSecretCreatedAfterTheRelationIsFoundByTheRecheck() {
        createIngressClass();
        instance();
        otherRelations();
        IngressRelationSpec spec = spec();
        spec.setIngressClassName(ingressClass);
        spec.setTls(new IngressTlsSpec("late-cert", null, null));
        relation("web", spec);
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(condition("web", "TlsSecretFound")).get()
                .satisfies(c -> {
                    assertThat(c.getStatus()).isEqualTo("False");
                    assertThat(c.getReason()).isEqualTo("SecretNotFound");
                    assertThat(c.getMessage()).contains("late-cert").contains("default certificate");
                }));
        // without the watched label: no informer sees the creation, only the scheduled recheck does
        client.resource(new SecretBuilder().withNewMetadata().withName("late-cert").withNamespace(ns).endMetadata()
                .withType("kubernetes.io/tls").addToStringData("tls.crt", "not-a-real-cert")
                .addToStringData("tls.key", "not-a-real-key").build()).create();
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(condition("web", "TlsSecretFound")).get()
                .extracting(Condition::getStatus).isEqualTo("True"));
        assertThat(client.secrets().inNamespace(ns).withName("late-cert").get().getMetadata().getLabels())
                .containsEntry(RelationSecrets.WATCHED_LABEL, "true");
    }

    @Test
    void tlsTurnsOnHttpsUntilTheInstanceDecidesAndDeletionLeavesEverythingElse() {
        createIngressClass();
        instance();
        otherRelations();
        client.resource(new SecretBuilder().withNewMetadata().withName("forum-cert").withNamespace(ns).endMetadata()
                .withType("kubernetes.io/tls").addToStringData("tls.crt", "not-a-real-cert")
                .addToStringData("tls.key", "not-a-real-key").build()).create();
        IngressRelationSpec spec = spec();
        spec.setIngressClassName(ingressClass);
        spec.setTls(new IngressTlsSpec("forum-cert", null, null));
        relation("web", spec);
        awaitReady("web");
        awaitReady(DatabaseRelation.class, "db");
        awaitReady(RedisRelation.class, "cache");

        Ingress ingress = ingress("web");
        assertThat(ingress.getSpec().getIngressClassName()).isEqualTo(ingressClass);
        assertThat(ingress.getSpec().getRules()).singleElement().satisfies(r -> {
            assertThat(r.getHost()).isEqualTo(HOST);
            assertThat(r.getHttp().getPaths().get(0).getBackend().getService().getName()).isEqualTo("forum");
            assertThat(r.getHttp().getPaths().get(0).getBackend().getService().getPort().getNumber()).isEqualTo(3000);
        });
        assertThat(ingress.getSpec().getTls().get(0).getSecretName()).isEqualTo("forum-cert");
        assertThat(ingress.getMetadata().getAnnotations()).containsEntry("nginx.ingress.kubernetes.io/affinity", "cookie")
                .containsEntry("nginx.ingress.kubernetes.io/session-cookie-max-age", "3600");
        IngressRelation web = relationNamed("web");
        assertThat(ingress.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(o -> assertThat(o.getUid()).isEqualTo(web.getMetadata().getUid()));
        assertThat(web.getStatus().getUrl()).isEqualTo("https://" + HOST);
        // The instance learns the scheme too: its URL and its CORS origin follow the ingress's TLS.
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(client.resources(DiscourseInstance.class).inNamespace(ns).withName("forum").get().getStatus()
                    .getUrl()).isEqualTo("https://" + HOST);
            assertThat(client.apps().statefulSets().inNamespace(ns).withName("forum").get().getSpec().getTemplate()
                    .getSpec().getContainers().get(0).getEnv()).anySatisfy(e -> {
                        assertThat(e.getName()).isEqualTo("DISCOURSE_CORS_ORIGIN");
                        assertThat(e.getValue()).isEqualTo("https://" + HOST);
                    });
        });
        assertThat(condition("web", "TlsSecretFound")).get().extracting(Condition::getStatus).isEqualTo("True");

        await().atMost(TIMEOUT).untilAsserted(() -> {
            StatefulSet sts = sts();
            assertThat(env(sts, HttpsEnv.FORCE_HTTPS)).isEqualTo("true");
            assertThat(ManagedFields.env(sts, FieldManagers.INGRESS)).containsExactly(HttpsEnv.FORCE_HTTPS);
            assertThat(ManagedFields.env(sts, FieldManagers.INSTANCE)).doesNotContain(HttpsEnv.FORCE_HTTPS)
                    .contains("DISCOURSE_HOSTNAME");
            assertThat(ManagedFields.env(sts, FieldManagers.DATABASE)).isEqualTo(UncheckedRelations.DB_ENV);
            assertThat(ManagedFields.env(sts, FieldManagers.REDIS)).isEqualTo(UncheckedRelations.REDIS_ENV);
        });

        // No ingress controller runs here: report an address as one would.
        client.network().v1().ingresses().inNamespace(ns).withName("web").editStatus(i -> {
            i.getStatus().getLoadBalancer().setIngress(List.of(
                    new IngressLoadBalancerIngressBuilder().withIp("203.0.113.9").build()));
            return i;
        });
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(relationNamed("web").getStatus().getLoadBalancer())
                .containsExactly("203.0.113.9"));

        // The user decides: the instance applies the value, the relation applies the same, and both own it.
        forceHttps(false);
        await().atMost(TIMEOUT).untilAsserted(() -> {
            StatefulSet sts = sts();
            assertThat(env(sts, HttpsEnv.FORCE_HTTPS)).isEqualTo("false");
            assertThat(ManagedFields.env(sts, FieldManagers.INGRESS)).containsExactly(HttpsEnv.FORCE_HTTPS);
            assertThat(ManagedFields.env(sts, FieldManagers.INSTANCE)).contains(HttpsEnv.FORCE_HTTPS);
        });
        awaitReady("web");
        // And leaves it again: the instance lets go, the relation stays, with the value TLS gives.
        forceHttps(null);
        await().atMost(TIMEOUT).untilAsserted(() -> {
            StatefulSet sts = sts();
            assertThat(env(sts, HttpsEnv.FORCE_HTTPS)).isEqualTo("true");
            assertThat(ManagedFields.env(sts, FieldManagers.INGRESS)).containsExactly(HttpsEnv.FORCE_HTTPS);
            assertThat(ManagedFields.env(sts, FieldManagers.INSTANCE)).doesNotContain(HttpsEnv.FORCE_HTTPS);
        });
        awaitReady("web");
        assertThat(condition("web", "Ready")).get().extracting(Condition::getReason).isEqualTo("Ready");

        client.resources(IngressRelation.class).inNamespace(ns).withName("web").delete();
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(client.network().v1().ingresses().inNamespace(ns).withName("web").get()).isNull();
            assertThat(relationNamed("web")).isNull();
            StatefulSet sts = sts();
            assertThat(env(sts, HttpsEnv.FORCE_HTTPS)).isNull();
            assertThat(ManagedFields.env(sts, FieldManagers.INGRESS)).isEmpty();
            assertThat(ManagedFields.env(sts, FieldManagers.DATABASE)).isEqualTo(UncheckedRelations.DB_ENV);
            assertThat(ManagedFields.env(sts, FieldManagers.REDIS)).isEqualTo(UncheckedRelations.REDIS_ENV);
            assertThat(env(sts, "DISCOURSE_HOSTNAME")).isEqualTo(HOST);
            assertThat(sts.getSpec().getReplicas()).isEqualTo(1);
        });
        assertThat(client.services().inNamespace(ns).withName("forum").get()).isNotNull();
        assertThat(relationView(DatabaseRelation.class, "db")).isTrue();
    }

    @Test
    void withoutTlsNothingIsSetOnTheWorkloadAndTheUrlIsHttp() {
        createIngressClass();
        instance();
        IngressRelationSpec spec = spec();
        spec.setIngressClassName(ingressClass);
        relation("plain", spec);
        awaitReady("plain");
        assertThat(relationNamed("plain").getStatus().getUrl()).isEqualTo("http://" + HOST);
        assertThat(relationNamed("plain").getStatus().getLoadBalancer()).isEmpty();
        StatefulSet sts = sts();
        assertThat(env(sts, HttpsEnv.FORCE_HTTPS)).isNull();
        assertThat(ManagedFields.env(sts, FieldManagers.INGRESS)).isEmpty();
        assertThat(ingress("plain").getSpec().getTls()).isEmpty();
    }

    @Test
    void aConvergedRelationWritesNothingWhenWoken() throws InterruptedException {
        createIngressClass();
        instance();
        IngressRelationSpec spec = spec();
        spec.setIngressClassName(ingressClass);
        spec.setTls(new IngressTlsSpec(null, "local-ca", null));
        relation("web", spec);
        awaitReady("web");
        await().atMost(TIMEOUT).until(() -> "true".equals(env(sts(), HttpsEnv.FORCE_HTTPS)));
        Thread.sleep(2000);
        List<String> before = List.of(sts().getMetadata().getResourceVersion(),
                ingress("web").getMetadata().getResourceVersion(), relationNamed("web").getMetadata().getResourceVersion());

        // A change to the instance wakes the relation (and its reconciler); there is nothing to write.
        client.resources(DiscourseInstance.class).inNamespace(ns).withName("forum")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"labels\":{\"unrelated\":\"touch\"}}}");
        Thread.sleep(4000);
        assertThat(List.of(sts().getMetadata().getResourceVersion(), ingress("web").getMetadata().getResourceVersion(),
                relationNamed("web").getMetadata().getResourceVersion())).isEqualTo(before);
        assertThat(ingress("web").getSpec().getTls().get(0).getSecretName()).isEqualTo("forum-tls");
        assertThat(condition("web", "TlsSecretFound")).as("cert-manager writes the Secret; not waited for").isEmpty();
    }

    @Test
    void aMissingIngressClassIsAConditionNotAnErrorLoop() throws InterruptedException {
        instance();
        IngressRelationSpec spec = spec();
        spec.setIngressClassName(ingressClass);
        relation("web", spec);
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(condition("web", "IngressClassFound")).get().satisfies(c -> {
                assertThat(c.getStatus()).isEqualTo("False");
                assertThat(c.getReason()).isEqualTo("IngressClassNotFound");
                assertThat(c.getMessage()).isEqualTo("IngressClass " + ingressClass + " does not exist in the cluster");
            });
            assertThat(condition("web", "Ready")).get().extracting(Condition::getStatus).isEqualTo("False");
        });
        // The events of the first reconciles settle; after that, neither retries nor writes nor new events.
        Thread.sleep(1000);
        String version = relationNamed("web").getMetadata().getResourceVersion();
        int said = events().size();
        Thread.sleep(4000);
        assertThat(relationNamed("web").getMetadata().getResourceVersion()).as("no status churn").isEqualTo(version);
        assertThat(events()).hasSize(said).isNotEmpty()
                .allSatisfy(e -> assertThat(e.getMessage()).contains("does not exist in the cluster"));
        assertThat(client.network().v1().ingresses().inNamespace(ns).withName("web").get()).isNull();

        // Installing the class is noticed on the next look; a spec change brings that look forward.
        createIngressClass();
        patchSpec("web", "{\"maxBodySize\":\"50m\"}");
        awaitReady("web");
        assertThat(ingress("web").getMetadata().getAnnotations())
                .containsEntry("nginx.ingress.kubernetes.io/proxy-body-size", "50m");
    }

    @Test
    void anHttpRouteWaitsForTheGatewayApiThenReplacesTheIngress() throws Exception {
        createIngressClass();
        instance();
        IngressRelationSpec spec = spec();
        spec.setIngressClassName(ingressClass);
        spec.setTls(new IngressTlsSpec());
        relation("web", spec);
        awaitReady("web");
        assertThat(ingress("web")).isNotNull();

        // This test alone installs the HTTPRoute CRD, and only below: here the group is not served yet.
        assertThat(client.apiextensions().v1().customResourceDefinitions()
                .withName("httproutes.gateway.networking.k8s.io").get()).as("HTTPRoute CRD installed too early").isNull();
        patchSpec("web", "{\"httpRoute\":{\"parentRefs\":[{\"name\":\"public\",\"namespace\":\"gateways\"}]}}");
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(condition("web", "Routed")).get().extracting(Condition::getReason).isEqualTo("GatewayApiNotInstalled");
            assertThat(condition("web", "Ready")).get().satisfies(c -> {
                assertThat(c.getStatus()).isEqualTo("False");
                assertThat(c.getReason()).isEqualTo("GatewayApiNotInstalled");
            });
        });
        assertThat(ingress("web")).as("the Ingress serves until its replacement exists").isNotNull();

        try (InputStream crd = getClass().getResourceAsStream("/crds/gateway-httproutes.yaml")) {
            client.resource(client.getKubernetesSerialization().unmarshal(crd, CustomResourceDefinition.class))
                    .serverSideApply();
        }
        await().atMost(TIMEOUT).until(() -> client.getApiGroup("gateway.networking.k8s.io") != null);
        patchSpec("web", "{\"annotations\":{\"example.com/team\":\"forum\"}}");
        awaitReady("web");
        GenericKubernetesResource route = await().atMost(TIMEOUT).until(() -> httpRoute("web"), r -> r != null);
        assertThat(route.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(o -> assertThat(o.getKind()).isEqualTo("IngressRelation"));
        Map<String, Object> routeSpec = route.get("spec");
        assertThat(routeSpec.get("hostnames")).isEqualTo(List.of(HOST));
        assertThat(route.<Object>get("spec", "rules", 0, "backendRefs", 0, "name")).isEqualTo("forum");
        assertThat(route.<Object>get("spec", "rules", 0, "backendRefs", 0, "port")).isEqualTo(3000);
        assertThat(route.<Object>get("spec", "parentRefs", 0, "name")).isEqualTo("public");
        await().atMost(TIMEOUT).untilAsserted(() ->
                assertThat(client.network().v1().ingresses().inNamespace(ns).withName("web").get()).isNull());
        assertThat(relationNamed("web").getStatus().getUrl()).isEqualTo("https://" + HOST);
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(env(sts(), HttpsEnv.FORCE_HTTPS)).isEqualTo("true"));

        client.resources(IngressRelation.class).inNamespace(ns).withName("web").delete();
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(httpRoute("web")).isNull();
            assertThat(env(sts(), HttpsEnv.FORCE_HTTPS)).isNull();
        });
    }

    // --- fixtures -------------------------------------------------------------------------------------

    private void createIngressClass() {
        client.network().v1().ingressClasses().resource(new IngressClassBuilder().withNewMetadata()
                .withName(ingressClass).endMetadata().withNewSpec().withController("example.com/ingress").endSpec()
                .build()).create();
    }

    private void instance() {
        DiscourseInstance instance = new DiscourseInstance();
        instance.setMetadata(new ObjectMetaBuilder().withName("forum").withNamespace(ns).build());
        DiscourseInstanceSpec spec = new DiscourseInstanceSpec();
        spec.setHostname(HOST);
        instance.setSpec(spec);
        client.resource(instance).create();
    }

    /** Database and Redis relations that become Ready without servers: their workload fields are what counts. */
    private void otherRelations() {
        UncheckedRelations.create(client, ns, "forum");
    }

    private IngressRelationSpec spec() {
        IngressRelationSpec spec = new IngressRelationSpec();
        spec.setInstanceRef(new InstanceRef("forum"));
        return spec;
    }

    private void relation(String name, IngressRelationSpec spec) {
        IngressRelation relation = new IngressRelation();
        relation.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(ns).build());
        relation.setSpec(spec);
        client.resource(relation).create();
    }

    /** A merge patch, not an edit: the instance reconciler writes the object meanwhile, and null must mean unset. */
    private void forceHttps(Boolean value) {
        client.resources(DiscourseInstance.class).inNamespace(ns).withName("forum")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"forceHttps\":" + value + "}}");
    }

    /** Merge patches: the operator writes the relation's status meanwhile, an edit would race it. */
    private void patchSpec(String relation, String specJson) {
        client.resources(IngressRelation.class).inNamespace(ns).withName(relation)
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":" + specJson + "}");
    }

    private IngressRelation relationNamed(String name) {
        return client.resources(IngressRelation.class).inNamespace(ns).withName(name).get();
    }

    private Ingress ingress(String name) {
        return client.network().v1().ingresses().inNamespace(ns).withName(name).get();
    }

    private GenericKubernetesResource httpRoute(String name) {
        return client.genericKubernetesResources("gateway.networking.k8s.io/v1", "HTTPRoute").inNamespace(ns)
                .withName(name).get();
    }

    private StatefulSet sts() {
        return client.apps().statefulSets().inNamespace(ns).withName("forum").get();
    }

    private Optional<Condition> condition(String name, String type) {
        IngressRelation r = relationNamed(name);
        if (r == null || r.getStatus() == null) {
            return Optional.empty();
        }
        return r.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    private void awaitReady(String name) {
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(condition(name, "Ready")).as(name + " Ready")
                .get().satisfies(c -> assertThat(c.getStatus()).as(c.getMessage()).isEqualTo("True")));
    }

    private void awaitReady(Class<? extends io.fabric8.kubernetes.client.CustomResource<?, ?>> kind, String name) {
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(relationView(kind, name)).as(name + " Ready").isTrue());
    }

    private boolean relationView(Class<?> kind, String name) {
        if (kind == DatabaseRelation.class) {
            DatabaseRelation r = client.resources(DatabaseRelation.class).inNamespace(ns).withName(name).get();
            return r != null && r.view().ready();
        }
        RedisRelation r = client.resources(RedisRelation.class).inNamespace(ns).withName(name).get();
        return r != null && r.view().ready();
    }

    /** The operator's events in the namespace; the controllers report on volumes and pods there too. */
    private List<Event> events() {
        return OperatorEvents.in(client, ns);
    }

    private static String env(StatefulSet sts, String name) {
        return sts.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .filter(e -> name.equals(e.getName())).map(EnvVar::getValue).findFirst().orElse(null);
    }
}
