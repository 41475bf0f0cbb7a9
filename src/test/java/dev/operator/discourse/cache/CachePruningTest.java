package dev.operator.discourse.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;

class CachePruningTest {

    private static StatefulSet workload() {
        return new StatefulSetBuilder().withNewMetadata().withName("forum").withNamespace("ns").withResourceVersion("7")
                .withGeneration(3L).withManagedFields(entry("discourse-operator-instance"),
                        entry("discourse-operator-database"), entry("kube-controller-manager"))
                .endMetadata().withNewSpec().withReplicas(2).endSpec()
                .withNewStatus().withReadyReplicas(2).endStatus().build();
    }

    private static ManagedFieldsEntry entry(String manager) {
        return new ManagedFieldsEntryBuilder().withManager(manager).withOperation("Apply").build();
    }

    @Test
    void aMatchersCacheKeepsOnlyItsOwnManagersEntry() {
        StatefulSet pruned = CachePruning.<StatefulSet>keepingManagedFieldsOf("discourse-operator-database")
                .apply(workload());
        assertThat(pruned.getMetadata().getManagedFields()).extracting(ManagedFieldsEntry::getManager)
                .containsExactly("discourse-operator-database");
        assertThat(pruned.getSpec().getReplicas()).isEqualTo(2);
        assertThat(pruned.getStatus().getReadyReplicas()).isEqualTo(2);
    }

    @Test
    void aManagerWithNoEntryKeepsNone() {
        StatefulSet pruned = CachePruning.<StatefulSet>keepingManagedFieldsOf("discourse-operator-redis")
                .apply(workload());
        assertThat(pruned.getMetadata().getManagedFields()).isEmpty();
    }

    @Test
    void aCacheNoMatcherReadsKeepsNoManagedFieldsAndWhatItsReadersRead() {
        StatefulSet pruned = CachePruning.<StatefulSet>withoutManagedFields().apply(workload());
        assertThat(pruned.getMetadata().getManagedFields()).isEmpty();
        assertThat(pruned.getMetadata().getResourceVersion()).isEqualTo("7");
        assertThat(pruned.getMetadata().getGeneration()).isEqualTo(3L);
        assertThat(pruned.getSpec().getReplicas()).isEqualTo(2);
    }

    @Test
    void theStatusGoesWhereNoReaderReadsIt() {
        UnaryOperator<StatefulSet> pruning = CachePruning.alsoDropping(
                CachePruning.keepingManagedFieldsOf("discourse-operator-instance"), s -> s.setStatus(null));
        StatefulSet pruned = pruning.apply(workload());
        assertThat(pruned.getStatus()).isNull();
        assertThat(pruned.getMetadata().getManagedFields()).hasSize(1);
    }

    @Test
    void theStoreHoldsThePrunedObjectUnderItsKey() {
        ItemStore<StatefulSet> store = CachePruning.store(CachePruning.withoutManagedFields());
        store.put(store.getKey(workload()), workload());
        assertThat(store.size()).isEqualTo(1);
        StatefulSet held = store.get("ns/forum");
        assertThat(held.getMetadata().getManagedFields()).isEmpty();
        assertThat(List.of(held.getSpec().getReplicas())).containsExactly(2);
    }
}
