package dev.operator.discourse.relation.ingress;

import dev.operator.discourse.api.v1alpha1.IngressRelation;
import dev.operator.discourse.api.v1alpha1.IngressRelationSpec;
import dev.operator.discourse.api.v1alpha1.InstanceRef;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;

/** Relations as the API server would hand them over: defaults filled in, a uid to own objects by. */
final class TestIngressRelations {

    private TestIngressRelations() {
    }

    static IngressRelation relation(String name, String instance) {
        IngressRelation relation = new IngressRelation();
        relation.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("web")
                .withUid("0b7c5e1a-1111-4c2d-9e3f-000000000001").withGeneration(1L).build());
        IngressRelationSpec spec = new IngressRelationSpec();
        spec.setInstanceRef(new InstanceRef(instance));
        relation.setSpec(spec);
        return relation;
    }
}
