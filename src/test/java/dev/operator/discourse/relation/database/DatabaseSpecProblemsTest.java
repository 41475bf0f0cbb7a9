package dev.operator.discourse.relation.database;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.operator.discourse.api.v1alpha1.ConnectionSecretRef;
import dev.operator.discourse.api.v1alpha1.DatabaseRelation;
import dev.operator.discourse.api.v1alpha1.DatabaseRelationSpec;

class DatabaseSpecProblemsTest {

    /** The schema requires secretRef.name, not that it say anything; no Secret has an empty name. */
    @Test
    void anEmptySecretNameIsASpecProblemNotAMissingSecret() {
        var relation = new DatabaseRelation();
        var spec = new DatabaseRelationSpec();
        spec.setSecretRef(new ConnectionSecretRef());
        relation.setSpec(spec);

        spec.getSecretRef().setName(" ");
        assertThat(DatabaseRelationReconciler.specProblems(relation)).containsExactly("spec.secretRef.name is empty");
        spec.getSecretRef().setName("forum-db");
        assertThat(DatabaseRelationReconciler.specProblems(relation)).isEmpty();
    }
}
