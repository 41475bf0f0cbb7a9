package dev.operator.discourse.relation.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.operator.discourse.api.v1alpha1.DatabaseRelationSpec;
import dev.operator.discourse.api.v1alpha1.DiscourseInstance;
import dev.operator.discourse.instance.TestInstances;

class RequiredExtensionsTest {

    @Test
    void aPlainForumNeedsOnlyTheTrustedExtensions() {
        assertThat(DatabaseRelationReconciler.requiredExtensions(new DatabaseRelationSpec(),
                Optional.of(TestInstances.minimal("forum")))).containsExactly("hstore", "pg_trgm", "unaccent");
    }

    @Test
    void discourseAiAddsVectorOnce() {
        DiscourseInstance instance = TestInstances.minimal("forum");
        instance.getSpec().getAi().setEnabled(true);
        assertThat(DatabaseRelationReconciler.requiredExtensions(new DatabaseRelationSpec(), Optional.of(instance)))
                .containsExactly("hstore", "pg_trgm", "unaccent", "vector");
        DatabaseRelationSpec withVector = new DatabaseRelationSpec();
        withVector.setExtensions(List.of("vector", "hstore"));
        assertThat(DatabaseRelationReconciler.requiredExtensions(withVector, Optional.of(instance)))
                .containsExactly("vector", "hstore");
    }
}
