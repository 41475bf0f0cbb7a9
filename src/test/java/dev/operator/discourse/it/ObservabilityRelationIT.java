package dev.operator.discourse.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import dev.operator.discourse.api.v1alpha1.DatabaseRelation;
import dev.operator.discourse.api.v1alpha1.DiscourseInstance;
import dev.operator.discourse.api.v1alpha1.DiscourseInstanceSpec;
import dev.operator.discourse.api.v1alpha1.IngressRelation;
import dev.operator.discourse.api.v1alpha1.IngressRelationSpec;
import dev.operator.discourse.api.v1alpha1.IngressTlsSpec;
import dev.operator.discourse.api.v1alpha1.InstanceRef;
import dev.operator.discourse.api.v1alpha1.ObservabilityRelation;
import dev.operator.discourse.api.v1alpha1.ObservabilityRelationSpec;
import dev.operator.discourse.api.v1alpha1.RedisRelation;
import dev.operator.discourse.api.v1alpha1.ScrapeMethod;
import dev.operator.discourse.relation.ingress.HttpsEnv;
import dev.operator.discourse.relation.observability.ObservabilityWorkload;
import dev.operator.discourse.testsupport.KubeApiServerResource;
import dev.operator.discourse.testsupport.ManagedFields;
import dev.operator.discourse.testsupport.RequiresKubeApiServer;
import dev.operator.discourse.testsupport.TestNamespace;
import dev.operator.discourse.workload.FieldManagers;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The observability relation against a real kube-apiserver: what it delivers with and without the Prometheus
 * Operator's and grafana-operator's CRDs (minimal stand-ins from src/test/resources/crds/), the workload fields it
 * owns, and what deleting it leaves. The CRDs are cluster-wide and cannot be taken back quickly, so the first test
 * sees them absent and installs them; the others install them if needed.
 */
@QuarkusTest
@RequiresKubeApiServer
@QuarkusTestResource(value = KubeApiServerResource.class, restrictToAnnotatedClass = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ObservabilityRelationIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(40);
    private static final String HOST = "forum.example.com";
    private static final List<String> CRDS = List.of("podmonitors.monitoring.coreos.com",
            "prometheusrules.monitoring.coreos.com", "grafanadashboards.grafana.integreatly.org");
    private static final List<String> CRD_FILES = List.of("/crds/monitoring-podmonitors.yaml",
            "/crds/monitoring-prometheusrules.yaml", "/crds/grafana-dashboards.yaml");
    private static final Set<String> SCRAPE_ANNOTATIONS = Set.of(ObservabilityWorkload.SCRAPE, ObservabilityWorkload.PORT,
            ObservabilityWorkload.PATH);

    KubernetesClient client;
    String ns;
    String ingressClass;
    TestNamespace namespace;

    @BeforeEach
    void namespace() {
        client = KubeApiServerResource.client();
        namespace = TestNamespace.withSucceedingJobs(client, "it-obs-");
        ns = namespace.name;
        ingressClass = ns + "-nginx";
    }

    @AfterEach
    void cleanup() {
        namespace.close();
        client.network().v1().ingressClasses().withName(ingressClass).delete();
    }

    @Test
    @Order(1)
    void withoutTheCrdsThePodsGetScrapeAnnotationsAndTheStatusSaysWhatWasSkippedUntilTheyAreInstalled()
            throws Exception {
        assertThat(CRDS).as("monitoring CRDs installed before this test")
                .allSatisfy(crd -> assertThat(client.apiextensions().v1().customResourceDefinitions().withName(crd).get())
                        .as(crd).isNull());
        instance();
        relation("obs", spec());
        awaitReady("obs");

        ObservabilityRelation obs = relationNamed("obs");
        assertThat(obs.getStatus().getScrape()).isEqualTo("Annotations");
        assertThat(obs.getStatus().getDashboards()).isEqualTo("ConfigMap");
        assertThat(obs.getStatus().getSkipped()).hasSize(2)
                .anySatisfy(s -> assertThat(s).startsWith("PodMonitor: the cluster does not serve monitoring.coreos.com/v1"))
                .anySatisfy(s -> assertThat(s).startsWith("PrometheusRule: the cluster does not serve"));
        assertThat(obs.getStatus().getDelivered()).containsExactly("ConfigMap/obs-dashboard-discourse-overview",
                "ConfigMap/obs-dashboard-discourse-service-health", "ConfigMap/obs-loki-rules", "StatefulSet/forum");
        assertThat(condition("obs", "AlertRulesDelivered")).get().satisfies(c -> {
            assertThat(c.getStatus()).isEqualTo("False");
            assertThat(c.getReason()).isEqualTo("CrdNotInstalled");
        });
        assertThat(condition("obs", "MetricsScraped")).get().extracting(Condition::getReason).isEqualTo("ScrapeAnnotations");
        assertThat(condition("obs", "Ready")).get().satisfies(c -> {
            assertThat(c.getObservedGeneration()).isEqualTo(obs.getMetadata().getGeneration());
            assertThat(c.getMessage()).contains("skipped 2");
        });

        ConfigMap overview = configMap("obs-dashboard-discourse-overview");
        assertThat(overview.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
        assertThat(overview.getData()).containsKey("discourse-overview.json");
        assertOwnedBy(overview, obs);
        ConfigMap loki = configMap("obs-loki-rules");
        assertThat(loki.getMetadata().getLabels()).containsEntry("loki_rule", "1");
        assertThat(loki.getData().get("discourse-log-alerts-" + ns + "-obs.yaml"))
                .contains("{app_kubernetes_io_name=~\"discourse|discourse-sidekiq\", namespace=\"" + ns + "\"}");

        await().atMost(TIMEOUT).untilAsserted(() -> {
            StatefulSet sts = sts();
            assertThat(sts.getSpec().getTemplate().getMetadata().getAnnotations())
                    .containsEntry("prometheus.io/scrape", "true").containsEntry("prometheus.io/port", "3000")
                    .containsEntry("prometheus.io/path", "/metrics");
            assertThat(ManagedFields.templateAnnotations(sts, FieldManagers.OBSERVABILITY)).isEqualTo(SCRAPE_ANNOTATIONS);
            assertThat(ManagedFields.env(sts, FieldManagers.OBSERVABILITY)).isEmpty();
        });

        // A skip is a quiet condition, not an error loop: the rechecks write nothing while nothing changes.
        Thread.sleep(1000);
        String version = relationNamed("obs").getMetadata().getResourceVersion();
        String workload = sts().getMetadata().getResourceVersion();
        String lokiVersion = configMap("obs-loki-rules").getMetadata().getResourceVersion();
        Thread.sleep(7000);
        assertThat(sts().getMetadata().getResourceVersion()).as("no workload churn").isEqualTo(workload);
        assertThat(configMap("obs-loki-rules").getMetadata().getResourceVersion()).as("no ConfigMap churn")
                .isEqualTo(lokiVersion);
        assertThat(relationNamed("obs").getMetadata().getResourceVersion()).as("no status churn").isEqualTo(version);

        installCrds();
        // No event tells the operator about a new CRD: the relation's own periodic look (every minute, every
        // 3 s in the tests) notices it.
        await().atMost(TIMEOUT).untilAsserted(() -> {
            ObservabilityRelation r = relationNamed("obs");
            assertThat(r.getStatus().getScrape()).isEqualTo("PodMonitor");
            assertThat(r.getStatus().getDashboards()).isEqualTo("GrafanaDashboard");
            assertThat(r.getStatus().getSkipped()).isEmpty();
            assertThat(r.view().ready()).isTrue();
        });
        ObservabilityRelation installed = relationNamed("obs");
        assertThat(installed.getStatus().getDelivered()).containsExactly("PodMonitor/obs", "PrometheusRule/obs",
                "GrafanaDashboard/obs-dashboard-discourse-overview", "GrafanaDashboard/obs-dashboard-discourse-service-health",
                "ConfigMap/obs-loki-rules");

        GenericKubernetesResource monitor = generic("monitoring.coreos.com/v1", "PodMonitor", "obs");
        assertOwnedBy(monitor, installed);
        assertThat(monitor.<Object>get("spec", "selector", "matchLabels"))
                .isEqualTo(Map.of("app.kubernetes.io/name", "discourse", "app.kubernetes.io/instance", "forum"));
        assertThat(monitor.<Object>get("spec", "podMetricsEndpoints", 0))
                .isEqualTo(Map.of("port", "http", "path", "/metrics"));
        GenericKubernetesResource rule = generic("monitoring.coreos.com/v1", "PrometheusRule", "obs");
        assertOwnedBy(rule, installed);
        List<Map<String, Object>> rules = rule.get("spec", "groups", 0, "rules");
        assertThat(rules).extracting(r -> r.get("alert")).contains("DiscourseTargetDown", "DiscourseRequestsQueued");
        GenericKubernetesResource dashboard = generic("grafana.integreatly.org/v1beta1", "GrafanaDashboard",
                "obs-dashboard-discourse-overview");
        assertOwnedBy(dashboard, installed);
        assertThat(dashboard.<String>get("spec", "json")).contains("\"uid\": \"discourse-overview\"");

        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(client.configMaps().inNamespace(ns).withName("obs-dashboard-discourse-overview").get())
                    .as("the ConfigMaps give way to the GrafanaDashboards").isNull();
            StatefulSet sts = sts();
            assertThat(ManagedFields.templateAnnotations(sts, FieldManagers.OBSERVABILITY))
                    .as("with a PodMonitor the annotations go: no double scrape").isEmpty();
            assertThat(sts.getSpec().getTemplate().getMetadata().getAnnotations()).doesNotContainKey("prometheus.io/scrape");
        });
        assertThat(configMap("obs-loki-rules")).isNotNull();
    }

    @Test
    @Order(2)
    void deletionRemovesItsObjectsAndExactlyItsFieldsWhileEveryOtherReconcilersStay() throws Exception {
        installCrds();
        instance();
        otherRelations();
        ObservabilityRelationSpec spec = spec();
        spec.getPrometheus().setScrape(ScrapeMethod.ANNOTATIONS);
        spec.getPrometheus().setTrustedIpAllowlistRegex("^100\\.64\\.");
        relation("obs", spec);
        awaitReady("obs");
        awaitReady(IngressRelation.class, "web");
        awaitReady(DatabaseRelation.class, "db");
        awaitReady(RedisRelation.class, "cache");

        await().atMost(TIMEOUT).untilAsserted(() -> {
            StatefulSet sts = sts();
            assertThat(env(sts, ObservabilityWorkload.TRUSTED_IP_ENV)).isEqualTo("^100\\.64\\.");
            assertThat(ManagedFields.env(sts, FieldManagers.OBSERVABILITY)).containsExactly(ObservabilityWorkload.TRUSTED_IP_ENV);
            assertThat(ManagedFields.templateAnnotations(sts, FieldManagers.OBSERVABILITY)).isEqualTo(SCRAPE_ANNOTATIONS);
            assertThat(ManagedFields.env(sts, FieldManagers.INGRESS)).containsExactly(HttpsEnv.FORCE_HTTPS);
            assertThat(ManagedFields.env(sts, FieldManagers.DATABASE)).isEqualTo(UncheckedRelations.DB_ENV);
            assertThat(ManagedFields.env(sts, FieldManagers.REDIS)).isEqualTo(UncheckedRelations.REDIS_ENV);
            assertThat(sts.getSpec().getReplicas()).isEqualTo(1);
        });
        Set<String> dbAnnotations = ManagedFields.templateAnnotations(sts(), FieldManagers.DATABASE);
        assertThat(dbAnnotations).isNotEmpty();
        assertThat(generic("monitoring.coreos.com/v1", "PodMonitor", "obs")).as("annotations asked for").isNull();
        assertThat(generic("monitoring.coreos.com/v1", "PrometheusRule", "obs")).isNotNull();
        assertThat(relationNamed("obs").getStatus().getDelivered()).contains("StatefulSet/forum");

        client.resources(ObservabilityRelation.class).inNamespace(ns).withName("obs").delete();
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(relationNamed("obs")).isNull();
            assertThat(generic("monitoring.coreos.com/v1", "PrometheusRule", "obs")).isNull();
            assertThat(generic("grafana.integreatly.org/v1beta1", "GrafanaDashboard", "obs-dashboard-discourse-overview"))
                    .isNull();
            assertThat(client.configMaps().inNamespace(ns).withName("obs-loki-rules").get()).isNull();
            StatefulSet sts = sts();
            assertThat(env(sts, ObservabilityWorkload.TRUSTED_IP_ENV)).isNull();
            assertThat(sts.getSpec().getTemplate().getMetadata().getAnnotations()).doesNotContainKeys(
                    SCRAPE_ANNOTATIONS.toArray(String[]::new));
            assertThat(ManagedFields.env(sts, FieldManagers.OBSERVABILITY)).isEmpty();
            assertThat(ManagedFields.templateAnnotations(sts, FieldManagers.OBSERVABILITY)).isEmpty();
            assertThat(ManagedFields.env(sts, FieldManagers.INGRESS)).containsExactly(HttpsEnv.FORCE_HTTPS);
            assertThat(ManagedFields.env(sts, FieldManagers.DATABASE)).isEqualTo(UncheckedRelations.DB_ENV);
            assertThat(ManagedFields.env(sts, FieldManagers.REDIS)).isEqualTo(UncheckedRelations.REDIS_ENV);
            assertThat(ManagedFields.templateAnnotations(sts, FieldManagers.DATABASE)).isEqualTo(dbAnnotations);
            assertThat(ManagedFields.env(sts, FieldManagers.INSTANCE)).contains("DISCOURSE_HOSTNAME");
            assertThat(env(sts, "DISCOURSE_HOSTNAME")).isEqualTo(HOST);
            assertThat(sts.getSpec().getReplicas()).isEqualTo(1);
        });
        assertThat(client.services().inNamespace(ns).withName("forum").get()).isNotNull();
        assertThat(relationView(DatabaseRelation.class, "db")).isTrue();
    }

    @Test
    @Order(3)
    void aConvergedRelationWritesNothingWhenWoken() throws Exception {
        installCrds();
        instance();
        ObservabilityRelationSpec spec = spec();
        spec.getPrometheus().setTrustedIpAllowlistRegex("^100\\.64\\.");
        relation("obs", spec);
        awaitReady("obs");
        await().atMost(TIMEOUT).until(() -> env(sts(), ObservabilityWorkload.TRUSTED_IP_ENV) != null
                && generic("grafana.integreatly.org/v1beta1", "GrafanaDashboard", "obs-dashboard-discourse-overview") != null);
        Thread.sleep(2000);
        List<String> before = versions();

        // A change to the instance wakes the relation; there is nothing to write.
        client.resources(DiscourseInstance.class).inNamespace(ns).withName("forum")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"labels\":{\"unrelated\":\"touch\"}}}");
        Thread.sleep(4000);
        assertThat(versions()).isEqualTo(before);
    }

    @Test
    @Order(4)
    void aMissingInstanceIsAClearConditionThenRecovers() {
        relation("obs", spec());
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(condition("obs", "InstanceFound")).get().satisfies(c -> {
                assertThat(c.getStatus()).isEqualTo("False");
                assertThat(c.getReason()).isEqualTo("InstanceNotFound");
                assertThat(c.getMessage()).isEqualTo("DiscourseInstance forum not found in " + ns);
            });
            assertThat(condition("obs", "Ready")).get().extracting(Condition::getStatus).isEqualTo("False");
        });
        assertThat(client.configMaps().inNamespace(ns).withName("obs-loki-rules").get()).isNull();

        instance();
        awaitReady("obs");
        assertThat(condition("obs", "InstanceFound")).get().extracting(Condition::getStatus).isEqualTo("True");
        String uid = configMap("obs-loki-rules").getMetadata().getUid();

        // The ConfigMaps are watched: one deleted by hand is put back at once, not at the next periodic look.
        client.configMaps().inNamespace(ns).withName("obs-loki-rules").delete();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(configMap("obs-loki-rules"))
                .isNotNull().extracting(c -> c.getMetadata().getUid()).isNotEqualTo(uid));
    }

    @Test
    @Order(5)
    void anInvalidSpecIsSaidAndNothingIsApplied() {
        instance();
        ObservabilityRelationSpec spec = spec();
        spec.getPrometheus().setTrustedIpAllowlistRegex("^100\\.(");
        relation("obs", spec);
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(condition("obs", "Ready")).get().satisfies(c -> {
            assertThat(c.getStatus()).isEqualTo("False");
            assertThat(c.getReason()).isEqualTo("InvalidSpec");
            assertThat(c.getMessage()).startsWith("prometheus.trustedIpAllowlistRegex is not a regular expression");
        }));
        assertThat(env(sts(), ObservabilityWorkload.TRUSTED_IP_ENV)).isNull();
        assertThat(client.configMaps().inNamespace(ns).withName("obs-loki-rules").get()).isNull();

        patchSpec("obs", "{\"prometheus\":{\"trustedIpAllowlistRegex\":\"^100\\\\.64\\\\.\"}}");
        awaitReady("obs");
        await().atMost(TIMEOUT).untilAsserted(() ->
                assertThat(env(sts(), ObservabilityWorkload.TRUSTED_IP_ENV)).isEqualTo("^100\\.64\\."));
    }

    @Test
    @Order(6)
    void aSecondRelationForTheSameInstanceWaitsAndTouchesNothingUntilTheFirstIsGone() {
        instance();
        ObservabilityRelationSpec spec = spec();
        spec.getPrometheus().setTrustedIpAllowlistRegex("^100\\.64\\.");
        relation("first", spec);
        awaitReady("first");
        await().atMost(TIMEOUT).until(() -> env(sts(), ObservabilityWorkload.TRUSTED_IP_ENV) != null);

        relation("second", spec());
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(condition("second", "Ready")).get().satisfies(c -> {
            assertThat(c.getStatus()).isEqualTo("False");
            assertThat(c.getReason()).isEqualTo("DuplicateRelation");
            assertThat(c.getMessage()).startsWith("ObservabilityRelation first already delivers the monitoring of "
                    + "DiscourseInstance forum");
        }));
        assertThat(client.configMaps().inNamespace(ns).withName("second-loki-rules").get()).isNull();
        assertThat(env(sts(), ObservabilityWorkload.TRUSTED_IP_ENV)).as("the first's field stays").isEqualTo("^100\\.64\\.");

        // Deleting the duplicate must not remove the first's fields, although both share one field manager.
        client.resources(ObservabilityRelation.class).inNamespace(ns).withName("second").delete();
        await().atMost(TIMEOUT).until(() -> relationNamed("second") == null);
        assertThat(env(sts(), ObservabilityWorkload.TRUSTED_IP_ENV)).isEqualTo("^100\\.64\\.");
        assertThat(ManagedFields.env(sts(), FieldManagers.OBSERVABILITY)).containsExactly(ObservabilityWorkload.TRUSTED_IP_ENV);

        relation("third", spec());
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(condition("third", "Ready")).get()
                .extracting(Condition::getReason).isEqualTo("DuplicateRelation"));
        client.resources(ObservabilityRelation.class).inNamespace(ns).withName("first").delete();
        awaitReady("third");
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(env(sts(), ObservabilityWorkload.TRUSTED_IP_ENV)).as("the third sets no regex").isNull();
            assertThat(configMap("third-loki-rules")).isNotNull();
            assertThat(client.configMaps().inNamespace(ns).withName("first-loki-rules").get()).isNull();
        });
    }

    // --- fixtures -------------------------------------------------------------------------------------

    private void installCrds() throws Exception {
        for (String file : CRD_FILES) {
            try (InputStream crd = getClass().getResourceAsStream(file)) {
                client.resource(client.getKubernetesSerialization().unmarshal(crd, CustomResourceDefinition.class))
                        .serverSideApply();
            }
        }
        await().atMost(TIMEOUT).until(() -> client.getApiGroup("monitoring.coreos.com") != null
                && client.getApiGroup("grafana.integreatly.org") != null);
    }

    private void instance() {
        DiscourseInstance instance = new DiscourseInstance();
        instance.setMetadata(new ObjectMetaBuilder().withName("forum").withNamespace(ns).build());
        DiscourseInstanceSpec spec = new DiscourseInstanceSpec();
        spec.setHostname(HOST);
        instance.setSpec(spec);
        client.resource(instance).create();
    }

    /** Database, Redis and ingress relations that become Ready without servers: their fields are what counts. */
    private void otherRelations() {
        UncheckedRelations.create(client, ns, "forum");

        client.network().v1().ingressClasses().resource(new IngressClassBuilder().withNewMetadata()
                .withName(ingressClass).endMetadata().withNewSpec().withController("example.com/ingress").endSpec()
                .build()).create();
        IngressRelation web = new IngressRelation();
        web.setMetadata(new ObjectMetaBuilder().withName("web").withNamespace(ns).build());
        IngressRelationSpec webSpec = new IngressRelationSpec();
        webSpec.setInstanceRef(new InstanceRef("forum"));
        webSpec.setIngressClassName(ingressClass);
        webSpec.setTls(new IngressTlsSpec());
        web.setSpec(webSpec);
        client.resource(web).create();
    }

    private ObservabilityRelationSpec spec() {
        ObservabilityRelationSpec spec = new ObservabilityRelationSpec();
        spec.setInstanceRef(new InstanceRef("forum"));
        return spec;
    }

    private void relation(String name, ObservabilityRelationSpec spec) {
        ObservabilityRelation relation = new ObservabilityRelation();
        relation.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(ns).build());
        relation.setSpec(spec);
        client.resource(relation).create();
    }

    /** Merge patches: the operator writes the relation's status meanwhile, an edit would race it. */
    private void patchSpec(String relation, String specJson) {
        client.resources(ObservabilityRelation.class).inNamespace(ns).withName(relation)
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":" + specJson + "}");
    }

    /** resourceVersions of everything a converged relation could write. */
    private List<String> versions() {
        List<String> versions = new ArrayList<>();
        versions.add(sts().getMetadata().getResourceVersion());
        versions.add(relationNamed("obs").getMetadata().getResourceVersion());
        versions.add(generic("monitoring.coreos.com/v1", "PodMonitor", "obs").getMetadata().getResourceVersion());
        versions.add(generic("monitoring.coreos.com/v1", "PrometheusRule", "obs").getMetadata().getResourceVersion());
        versions.add(generic("grafana.integreatly.org/v1beta1", "GrafanaDashboard", "obs-dashboard-discourse-overview")
                .getMetadata().getResourceVersion());
        versions.add(configMap("obs-loki-rules").getMetadata().getResourceVersion());
        return versions;
    }

    private ObservabilityRelation relationNamed(String name) {
        return client.resources(ObservabilityRelation.class).inNamespace(ns).withName(name).get();
    }

    private ConfigMap configMap(String name) {
        return client.configMaps().inNamespace(ns).withName(name).get();
    }

    private GenericKubernetesResource generic(String apiVersion, String kind, String name) {
        return client.genericKubernetesResources(apiVersion, kind).inNamespace(ns).withName(name).get();
    }

    private StatefulSet sts() {
        return client.apps().statefulSets().inNamespace(ns).withName("forum").get();
    }

    private static void assertOwnedBy(HasMetadata object, ObservabilityRelation relation) {
        assertThat(object).isNotNull();
        assertThat(object.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> {
            assertThat(o.getUid()).isEqualTo(relation.getMetadata().getUid());
            assertThat(o.getKind()).isEqualTo("ObservabilityRelation");
        });
    }

    private Optional<Condition> condition(String name, String type) {
        ObservabilityRelation r = relationNamed(name);
        if (r == null || r.getStatus() == null) {
            return Optional.empty();
        }
        return r.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    private void awaitReady(String name) {
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(condition(name, "Ready")).as(name + " Ready")
                .get().satisfies(c -> assertThat(c.getStatus()).as(c.getMessage()).isEqualTo("True")));
    }

    private void awaitReady(Class<?> kind, String name) {
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(relationView(kind, name)).as(name + " Ready").isTrue());
    }

    private boolean relationView(Class<?> kind, String name) {
        if (kind == DatabaseRelation.class) {
            DatabaseRelation r = client.resources(DatabaseRelation.class).inNamespace(ns).withName(name).get();
            return r != null && r.view().ready();
        }
        if (kind == IngressRelation.class) {
            IngressRelation r = client.resources(IngressRelation.class).inNamespace(ns).withName(name).get();
            return r != null && r.view().ready();
        }
        RedisRelation r = client.resources(RedisRelation.class).inNamespace(ns).withName(name).get();
        return r != null && r.view().ready();
    }

    private static String env(StatefulSet sts, String name) {
        return sts.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .filter(e -> name.equals(e.getName())).map(EnvVar::getValue).findFirst().orElse(null);
    }
}
