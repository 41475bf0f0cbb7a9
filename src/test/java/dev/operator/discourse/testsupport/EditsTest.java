package dev.operator.discourse.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/** A user's edit lands even when someone else wrote the object after the handle was made from it. */
@RequiresKubeApiServer
class EditsTest {

    @Test
    void anEditThroughAHandleMadeFromAStaleObjectIsRedoneOnAFreshRead() {
        KubernetesClient client = KubeApiServer.shared().client();
        try (TestNamespace ns = TestNamespace.create(client, "testsupport-edits-")) {
            ConfigMap created = client.resource(new ConfigMapBuilder().withNewMetadata().withName("edited")
                    .withNamespace(ns.name).endMetadata().addToData("user", "1").build()).create();
            // an operator's write in between: the handle's object is now one version behind
            client.configMaps().inNamespace(ns.name).withName("edited")
                    .edit(cm -> new ConfigMapBuilder(cm).addToData("operator", "x").build());

            ConfigMap edited = Edits.edit(client.resource(created), cm -> {
                cm.getData().put("user", "2");
                return cm;
            });

            assertThat(edited.getData()).containsEntry("user", "2").containsEntry("operator", "x");
            assertThat(client.configMaps().inNamespace(ns.name).withName("edited").get().getData())
                    .containsEntry("user", "2").containsEntry("operator", "x");
        }
    }
}
