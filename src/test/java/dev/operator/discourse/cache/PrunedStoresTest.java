package dev.operator.discourse.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.operator.discourse.api.v1alpha1.DiscourseInstance;
import dev.operator.discourse.workload.FieldManagers;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;

class PrunedStoresTest {

    static final List<ManagedFieldsEntry> WRITERS = List.of(entry(FieldManagers.INSTANCE), entry(FieldManagers.DATABASE),
            entry("kubectl-client-side-apply"));

    @Test
    void theInstancesStatefulSetsKeepOnlyItsMatchersEntryAndTheirStatus() {
        var store = new PrunedStores.InstanceStatefulSets();
        StatefulSet sts = new StatefulSetBuilder().withMetadata(meta()).withNewStatus().withReadyReplicas(1).endStatus()
                .build();
        store.put(store.getKey(sts), sts);
        StatefulSet kept = store.get(store.getKey(sts));
        assertThat(kept.getMetadata().getManagedFields()).extracting(ManagedFieldsEntry::getManager)
                .containsExactly(FieldManagers.INSTANCE);
        assertThat(kept.getStatus().getReadyReplicas()).as("the rollout is read from it").isEqualTo(1);
    }

    @Test
    void theInstancesServicesKeepItsEntryAndNoStatus() {
        var store = new PrunedStores.InstanceServices();
        Service service = new ServiceBuilder().withMetadata(meta()).withNewStatus().endStatus().build();
        store.put(store.getKey(service), service);
        Service kept = store.get(store.getKey(service));
        assertThat(kept.getMetadata().getManagedFields()).extracting(ManagedFieldsEntry::getManager)
                .containsExactly(FieldManagers.INSTANCE);
        assertThat(kept.getStatus()).isNull();
    }

    @Test
    @SuppressWarnings("unchecked")
    void primariesKeepNoManagedFields() {
        var store = new PrunedStores.WithoutManagedFields();
        DiscourseInstance instance = new DiscourseInstance();
        instance.setMetadata(meta());
        store.put(store.getKey(instance), instance);
        assertThat(((DiscourseInstance) store.get(store.getKey(instance))).getMetadata().getManagedFields()).isEmpty();
    }

    static io.fabric8.kubernetes.api.model.ObjectMeta meta() {
        return new ObjectMetaBuilder().withName("forum").withNamespace("ns").withManagedFields(WRITERS).build();
    }

    static ManagedFieldsEntry entry(String manager) {
        return new ManagedFieldsEntryBuilder().withManager(manager).withOperation("Apply").build();
    }
}
