package dev.operator.discourse.install;

import static dev.operator.discourse.install.BuildOutput.OPERATOR;
import static dev.operator.discourse.install.BuildOutput.documents;
import static dev.operator.discourse.install.BuildOutput.ofKind;
import static dev.operator.discourse.install.BuildOutput.reconcilerNames;
import static dev.operator.discourse.install.BuildOutput.yamlObject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.operator.discourse.testsupport.KubeApiServer;
import dev.operator.discourse.testsupport.RequiresKubeApiServer;
import dev.operator.discourse.testsupport.TestNamespace;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.Release;

/**
 * The committed chart (kubernetes/helm/discourse-operator, what a Helm user installs without building) through
 * a release's whole life on the test control plane, by Helm itself (helm-java): packaged into a .tgz, installed
 * (CRDs, RBAC, Deployment there), upgraded with changed values (the change is there, what the new values drop is
 * gone), uninstalled (the release's objects gone; the CRDs, a DiscourseInstance created meanwhile and a
 * PersistentVolumeClaim still there, since the chart ships its CRDs in crds/, which Helm never deletes).
 *
 * <p>After a namespaced-mode uninstall no ClusterRole of the release is left, nor any object
 * kube-controller-manager made for it: the chart once bound an aggregated ClusterRole ({@value #OLD_AGGREGATE}),
 * which the controller manager's aggregation controller re-created right after Helm deleted it (in about half of
 * the uninstalls), and a later namespaced install then failed on it.
 *
 * <p>A *PackagedIT so that Failsafe runs it after {@code package}, in its own JVM: no operator runs in that JVM
 * between the test classes, so the chart's CRDs can be removed first and Helm be seen creating them. The Deployment
 * is stored, not run: the control plane's simulated nodes run no containers.
 */
@RequiresKubeApiServer
class HelmInstallPackagedIT {

    static final Path CHART = ManifestSync.COMMITTED_CHART;
    static final String RELEASE = OPERATOR;
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** The aggregated ClusterRole namespaced mode used to bind, which outlived uninstalls. */
    static final String OLD_AGGREGATE = OPERATOR + "-watched-namespaces";
    static final ResourceDefinitionContext DISCOURSE_INSTANCE = new ResourceDefinitionContext.Builder()
            .withGroup("discourse.operator.dev").withVersion("v1alpha1").withKind("DiscourseInstance")
            .withPlural("discourseinstances").withNamespaced(true).build();

    KubeApiServer server;
    KubernetesClient client;
    String releaseNamespace;
    TestNamespace forums;

    @BeforeEach
    void cluster() {
        server = KubeApiServer.shared();
        client = server.client();
        releaseNamespace = "helm-ops-" + Long.toHexString(System.nanoTime());
        forums = TestNamespace.create(client, "helm-forums-");
    }

    @AfterEach
    void cleanup() {
        Helm.uninstall(RELEASE).withNamespace(releaseNamespace).ignoreNotFound().withKubeConfig(server.kubeconfigFile())
                .call();
        forums.close();
        client.namespaces().withName(releaseNamespace).delete();
    }

    @Test
    void installUpgradeAndUninstallKeepTheCustomResourcesAndVolumes(@TempDir Path dir) throws IOException {
        // helm package
        String version = (String) yamlObject(CHART.resolve("Chart.yaml")).get("version");
        new Helm(CHART).packageIt().withDestination(dir).call();
        Path tgz = dir.resolve(OPERATOR + "-" + version + ".tgz");
        assertThat(tgz).exists();
        List<String> crdFiles = tarEntries(tgz).stream().filter(e -> e.startsWith(OPERATOR + "/crds/")).toList();
        assertThat(crdFiles).as("the packaged chart ships every generated CRD in crds/")
                .hasSameSizeAs(ManifestSync.generatedCrds());
        Map<String, CustomResourceDefinition> shipped = new LinkedHashMap<>();
        for (Path crd : ManifestSync.generatedCrds()) {
            CustomResourceDefinition definition = load(crd, CustomResourceDefinition.class);
            shipped.put(definition.getMetadata().getName(), definition);
        }
        List<Map<String, Object>> defaults = render(tgz, Map.of());
        assertThat(ofKind(defaults, "CustomResourceDefinition"))
                .as("no CRD among the templates: Helm would delete it, and every custom resource, on uninstall").isEmpty();

        removeLeftovers(shipped.keySet(), defaults);

        // helm install
        Release installed = Helm.install(tgz.toString()).withName(RELEASE).withNamespace(releaseNamespace)
                .createNamespace().withKubeVersion(KubeApiServer.VERSION).withKubeConfig(server.kubeconfigFile()).call();
        assertThat(installed.getStatus()).isEqualTo("deployed");
        assertThat(installed.getRevision()).isEqualTo("1");

        for (CustomResourceDefinition crd : shipped.values()) {
            String crdName = crd.getMetadata().getName();
            await().atMost(TIMEOUT).untilAsserted(() -> assertThat(established(crdName)).as(crdName).isTrue());
            CustomResourceDefinition served = client.apiextensions().v1().customResourceDefinitions().withName(crdName).get();
            // each version's name, flags and schema (the server leaves out printer columns' default priority)
            JsonNode servedVersions = versions(served);
            JsonNode shippedVersions = versions(crd);
            assertThat(servedVersions).withFailMessage("CRD %s is served other than the chart ships it, first at %s",
                    crdName, difference(servedVersions, shippedVersions, "spec.versions")).isEqualTo(shippedVersions);
        }
        List<String> clusterRoles = names(defaults, "ClusterRole");
        List<String> clusterRoleBindings = names(defaults, "ClusterRoleBinding");
        assertThat(clusterRoles).contains(reconcilerNames().stream().map(r -> r + "-cluster-role").toArray(String[]::new));
        for (String role : clusterRoles) {
            assertThat(client.rbac().clusterRoles().withName(role).get()).as("ClusterRole %s", role).isNotNull();
        }
        for (String binding : clusterRoleBindings) {
            assertThat(client.rbac().clusterRoleBindings().withName(binding).get().getSubjects())
                    .as("ClusterRoleBinding %s", binding)
                    .singleElement().satisfies(s -> assertThat(s.getNamespace()).isEqualTo(releaseNamespace));
        }
        assertThat(client.serviceAccounts().inNamespace(releaseNamespace).withName(OPERATOR).get()).isNotNull();
        Deployment deployment = deployment();
        assertThat(deployment).as("the operator's Deployment").isNotNull();
        var container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getImage()).isEqualTo(((Map<?, ?>) yamlObject(CHART.resolve("values.yaml")).get("app")).get("image"));
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(env(deployment)).containsEntry("QUARKUS_LOG_LEVEL", "INFO");

        // meanwhile, a forum and a volume in a namespace of their own
        GenericKubernetesResource forum = null;
        for (HasMetadata item : client.load(Files.newInputStream(ManifestSync.SAMPLES.resolve("discourseinstance.yaml"))).items()) {
            HasMetadata created = client.resource(item).inNamespace(forums.name).create();
            if ("DiscourseInstance".equals(item.getKind())) {
                forum = client.genericKubernetesResources(DISCOURSE_INSTANCE).inNamespace(forums.name)
                        .withName(created.getMetadata().getName()).get();
            }
        }
        assertThat(forum).as("kubernetes/samples/discourseinstance.yaml holds a DiscourseInstance").isNotNull();
        PersistentVolumeClaim volume = client.persistentVolumeClaims().inNamespace(forums.name)
                .resource(new PersistentVolumeClaimBuilder().withNewMetadata().withName("forum-uploads").endMetadata()
                        .withNewSpec().withAccessModes("ReadWriteOnce").withNewResources()
                        .addToRequests("storage", new Quantity("1Gi")).endResources().endSpec().build())
                .create();

        // helm upgrade: another log level, and only the forums' namespace watched
        Map<String, Object> changed = Map.of("app.logLevel", "DEBUG", "app.watchAllNamespaces", false,
                "app.watchNamespaces[0]", forums.name);
        var upgrade = Helm.upgrade(tgz.toString()).withName(RELEASE).withNamespace(releaseNamespace)
                .withKubeVersion(KubeApiServer.VERSION).withKubeConfig(server.kubeconfigFile());
        changed.forEach(upgrade::set);
        Release upgraded = upgrade.call();
        assertThat(upgraded.getStatus()).isEqualTo("deployed");
        assertThat(upgraded.getRevision()).isEqualTo("2");
        Map<String, String> upgradedEnv = env(deployment());
        assertThat(upgradedEnv).containsEntry("QUARKUS_LOG_LEVEL", "DEBUG");
        for (String reconciler : reconcilerNames()) {
            assertThat(upgradedEnv).containsEntry(BuildOutput.namespacesEnv(reconciler), forums.name);
        }
        List<String> roleBindings = names(render(tgz, changed), "RoleBinding");
        assertThat(roleBindings).as("a RoleBinding per reconciler in the watched namespace")
                .hasSize(reconcilerNames().size());
        for (String binding : roleBindings) {
            assertThat(client.rbac().roleBindings().inNamespace(forums.name).withName(binding).get())
                    .as("RoleBinding %s in the watched namespace", binding).isNotNull();
        }
        List<String> namespacedBindings = names(render(tgz, changed), "ClusterRoleBinding");
        List<String> dropped = clusterRoleBindings.stream().filter(b -> !namespacedBindings.contains(b)).toList();
        assertThat(dropped).as("the reconcilers' ClusterRoleBindings leave in namespaced mode").isNotEmpty();
        await().atMost(TIMEOUT).untilAsserted(() -> {
            for (String binding : dropped) {
                assertThat(client.rbac().clusterRoleBindings().withName(binding).get()).as(binding).isNull();
            }
        });

        // helm uninstall
        String uninstalled = Helm.uninstall(RELEASE).withNamespace(releaseNamespace)
                .withKubeConfig(server.kubeconfigFile()).debug().call();
        System.out.println("HelmInstallPackagedIT: helm uninstall: " + uninstalled);
        List<String> rolesAfterUpgrade = names(render(tgz, changed), "ClusterRole");
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(deployment()).as("the operator's Deployment").isNull();
            assertThat(client.serviceAccounts().inNamespace(releaseNamespace).withName(OPERATOR).get()).isNull();
            assertThat(client.rbac().roleBindings().inNamespace(forums.name).list().getItems())
                    .as("RoleBindings left in the watched namespace").isEmpty();
            for (String role : rolesAfterUpgrade) {
                assertThat(client.rbac().clusterRoles().withName(role).get()).as("ClusterRole %s", role).isNull();
            }
            for (String binding : namespacedBindings) {
                assertThat(client.rbac().clusterRoleBindings().withName(binding).get()).as(binding).isNull();
            }
        });
        // Something re-created after Helm's delete would come a moment later: look again once things settled.
        await().pollDelay(Duration.ofSeconds(3)).atMost(TIMEOUT).untilAsserted(() -> assertThat(leftClusterRoles(rolesAfterUpgrade))
                .as("ClusterRoles of the release after a namespaced-mode helm uninstall").isEmpty());
        for (String crdName : shipped.keySet()) {
            CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions().withName(crdName).get();
            assertThat(crd).as("CRD %s after helm uninstall", crdName).isNotNull();
            assertThat(crd.getMetadata().getDeletionTimestamp()).as("CRD %s deleting", crdName).isNull();
        }
        GenericKubernetesResource forumAfter = client.genericKubernetesResources(DISCOURSE_INSTANCE)
                .inNamespace(forums.name).withName(forum.getMetadata().getName()).get();
        assertThat(forumAfter).as("the DiscourseInstance after helm uninstall").isNotNull();
        assertThat(forumAfter.getMetadata().getUid()).isEqualTo(forum.getMetadata().getUid());
        assertThat(forumAfter.getMetadata().getDeletionTimestamp()).isNull();
        PersistentVolumeClaim volumeAfter = client.persistentVolumeClaims().inNamespace(forums.name)
                .withName("forum-uploads").get();
        assertThat(volumeAfter).as("the PersistentVolumeClaim after helm uninstall").isNotNull();
        assertThat(volumeAfter.getMetadata().getUid()).isEqualTo(volume.getMetadata().getUid());
        assertThat(volumeAfter.getMetadata().getDeletionTimestamp()).isNull();
    }

    /**
     * What earlier test classes of this JVM left that would keep Helm from installing (objects of the chart's
     * cluster-wide names that no release owns) or from being seen creating the CRDs: those objects and the chart's
     * CRDs go, the custom resources first (no operator runs here to clear their finalizers).
     */
    void removeLeftovers(Iterable<String> crdNames, List<Map<String, Object>> rendered) {
        for (String role : names(rendered, "ClusterRole")) {
            client.rbac().clusterRoles().withName(role).delete();
        }
        for (String binding : names(rendered, "ClusterRoleBinding")) {
            client.rbac().clusterRoleBindings().withName(binding).delete();
        }
        for (String crdName : crdNames) {
            CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions().withName(crdName).get();
            if (crd == null) {
                continue;
            }
            ResourceDefinitionContext kind = CustomResourceDefinitionContext.fromCrd(crd);
            for (GenericKubernetesResource leftover : client.genericKubernetesResources(kind).inAnyNamespace().list()
                    .getItems()) {
                var resource = client.genericKubernetesResources(kind).inNamespace(leftover.getMetadata().getNamespace())
                        .withName(leftover.getMetadata().getName());
                if (leftover.getMetadata().getFinalizers() != null && !leftover.getMetadata().getFinalizers().isEmpty()) {
                    resource.edit(r -> {
                        r.getMetadata().setFinalizers(List.of());
                        return r;
                    });
                }
                resource.delete();
            }
            client.apiextensions().v1().customResourceDefinitions().withName(crdName).delete();
        }
        await().atMost(TIMEOUT).untilAsserted(() -> {
            for (String crdName : crdNames) {
                assertThat(client.apiextensions().v1().customResourceDefinitions().withName(crdName).get())
                        .as("CRD %s removed before the install", crdName).isNull();
            }
        });
    }

    List<Map<String, Object>> render(Path tgz, Map<String, Object> values) {
        var template = Helm.template(tgz.toString()).withName(RELEASE).withNamespace(releaseNamespace)
                .withKubeVersion(KubeApiServer.VERSION).skipCrds();
        values.forEach(template::set);
        return documents(template.call());
    }

    /**
     * The ClusterRoles of the release still there: those it rendered, those Helm labelled or annotated as its own,
     * the aggregate the chart used to have, and any that kube-controller-manager's aggregation controller wrote.
     */
    List<String> leftClusterRoles(List<String> rendered) {
        return client.rbac().clusterRoles().list().getItems().stream().filter(role -> {
            Map<String, String> labels = role.getMetadata().getLabels() == null ? Map.of() : role.getMetadata().getLabels();
            Map<String, String> annotations = role.getMetadata().getAnnotations() == null ? Map.of()
                    : role.getMetadata().getAnnotations();
            return rendered.contains(role.getMetadata().getName()) || OLD_AGGREGATE.equals(role.getMetadata().getName())
                    || RELEASE.equals(annotations.get("meta.helm.sh/release-name"))
                    || OPERATOR.equals(labels.get("app.kubernetes.io/part-of"))
                    || role.getMetadata().getManagedFields().stream()
                            .anyMatch(f -> "clusterrole-aggregation-controller".equals(f.getManager())
                                    && role.getMetadata().getName().startsWith(OPERATOR));
        }).map(role -> role.getMetadata().getName()).toList();
    }

    static List<String> names(List<Map<String, Object>> docs, String kind) {
        return ofKind(docs, kind).stream().map(BuildOutput::name).toList();
    }

    Deployment deployment() {
        return client.apps().deployments().inNamespace(releaseNamespace).withName(OPERATOR).get();
    }

    static Map<String, String> env(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .filter(e -> e.getValue() != null).collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
    }

    boolean established(String crdName) {
        CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions().withName(crdName).get();
        return crd != null && crd.getStatus() != null && crd.getStatus().getConditions().stream()
                .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    /** As JSON without what the API server leaves out or adds as empty: nulls, empty lists and objects. */
    static JsonNode pruned(Object value) {
        return prune(new ObjectMapper().valueToTree(value));
    }

    static JsonNode versions(CustomResourceDefinition crd) {
        ArrayNode versions = JsonNodeFactory.instance.arrayNode();
        for (var version : crd.getSpec().getVersions()) {
            versions.add(JsonNodeFactory.instance.objectNode().put("name", version.getName())
                    .put("served", version.getServed()).put("storage", version.getStorage())
                    .set("schema", pruned(version.getSchema().getOpenAPIV3Schema())));
        }
        return versions;
    }

    /** Where two JSON trees first differ, for the failure message. */
    static String difference(JsonNode a, JsonNode b, String path) {
        if (a.isContainerNode() && b.isContainerNode() && a.getNodeType() == b.getNodeType()) {
            var names = new java.util.TreeSet<String>();
            if (a.isObject()) {
                a.fieldNames().forEachRemaining(names::add);
                b.fieldNames().forEachRemaining(names::add);
                for (String name : names) {
                    if (!a.path(name).equals(b.path(name))) {
                        return difference(a.path(name), b.path(name), path + "." + name);
                    }
                }
            } else {
                for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
                    if (!a.path(i).equals(b.path(i))) {
                        return difference(a.path(i), b.path(i), path + "[" + i + "]");
                    }
                }
            }
        }
        return path + ": " + a + " vs " + b;
    }

    private static JsonNode prune(JsonNode node) {
        if (node.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            node.fields().forEachRemaining(f -> {
                JsonNode child = prune(f.getValue());
                if (!child.isNull() && !(child.isContainerNode() && child.isEmpty())) {
                    out.set(f.getKey(), child);
                }
            });
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> out.add(prune(item)));
            return out;
        }
        return node;
    }

    <T extends HasMetadata> T load(Path file, Class<T> type) {
        try (InputStream in = Files.newInputStream(file)) {
            return type.cast(client.load(in).items().get(0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The names of the entries of a .tgz (ustar: a 512-byte header per entry, then its data in 512-byte blocks). */
    static List<String> tarEntries(Path tgz) throws IOException {
        List<String> names = new ArrayList<>();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(tgz))) {
            byte[] header = new byte[512];
            while (in.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
                String prefix = field(header, 345, 155);
                String entry = field(header, 0, 100);
                names.add(prefix.isEmpty() ? entry : prefix + "/" + entry);
                long size = Long.parseLong(field(header, 124, 12).strip().isEmpty() ? "0" : field(header, 124, 12).strip(), 8);
                in.skipNBytes((size + 511) / 512 * 512);
            }
        }
        return names;
    }

    private static String field(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }
}
