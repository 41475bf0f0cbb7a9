package dev.operator.discourse.relation.observability;

import dev.operator.discourse.api.v1alpha1.InstanceRef;
import dev.operator.discourse.api.v1alpha1.ObservabilityRelation;
import dev.operator.discourse.api.v1alpha1.ObservabilityRelationSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;

/** Relations as the API server would hand them over: defaults filled in, a uid to own objects by. */
final class TestObservabilityRelations {

    static final String UID = "0b7c5e1a-2222-4c2d-9e3f-000000000002";

    private TestObservabilityRelations() {
    }

    static ObservabilityRelation relation(String name, String instance) {
        ObservabilityRelation relation = new ObservabilityRelation();
        relation.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("web").withUid(UID)
                .withGeneration(1L).build());
        ObservabilityRelationSpec spec = new ObservabilityRelationSpec();
        spec.setInstanceRef(new InstanceRef(instance));
        relation.setSpec(spec);
        return relation;
    }
}
