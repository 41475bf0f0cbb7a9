package dev.operator.discourse.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/** Proves the shared kube-apiserver works for what the operator relies on, server-side apply above all. */
@RequiresKubeApiServer
class KubeApiServerTest {

    private static final String NS = "testsupport-ssa";

    @Test
    void serverSideApplyKeepsEachFieldManagersFieldsApart() {
        KubernetesClient client = KubeApiServer.shared().client();
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build())
                .serverSideApply();

        ConfigMap plain = client.configMaps().inNamespace(NS).resource(new ConfigMapBuilder()
                .withNewMetadata().withName("plain").endMetadata()
                .addToData("k", "v").build()).create();
        assertThat(plain.getMetadata().getUid()).isNotBlank();

        applyAs(client, "operator", Map.of("owned-by-operator", "1"));
        applyAs(client, "someone-else", Map.of("owned-by-other", "2"));

        ConfigMap shared = client.configMaps().inNamespace(NS).withName("shared").get();
        assertThat(shared.getData()).containsOnly(Map.entry("owned-by-operator", "1"),
                Map.entry("owned-by-other", "2"));
        assertThat(managers(shared)).containsEntry("operator", "Apply").containsEntry("someone-else", "Apply");
        assertThat(fieldsOf(shared, "operator")).contains("f:owned-by-operator").doesNotContain("f:owned-by-other");

        // an apply without a field drops exactly that manager's field, the other manager's stays
        applyAs(client, "operator", Map.of());
        assertThat(client.configMaps().inNamespace(NS).withName("shared").get().getData())
                .containsOnly(Map.entry("owned-by-other", "2"));
    }

    private static void applyAs(KubernetesClient client, String manager, Map<String, String> data) {
        client.configMaps().inNamespace(NS).resource(new ConfigMapBuilder()
                .withNewMetadata().withName("shared").withNamespace(NS).endMetadata()
                .withData(data).build())
                .fieldManager(manager).forceConflicts().serverSideApply();
    }

    private static Map<String, String> managers(ConfigMap cm) {
        return cm.getMetadata().getManagedFields().stream()
                .collect(Collectors.toMap(ManagedFieldsEntry::getManager, ManagedFieldsEntry::getOperation));
    }

    private static String fieldsOf(ConfigMap cm, String manager) {
        List<ManagedFieldsEntry> entries = cm.getMetadata().getManagedFields().stream()
                .filter(e -> manager.equals(e.getManager())).toList();
        assertThat(entries).hasSize(1);
        return entries.get(0).getFieldsV1().getAdditionalProperties().toString();
    }
}
