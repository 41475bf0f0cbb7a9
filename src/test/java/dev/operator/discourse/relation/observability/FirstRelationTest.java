package dev.operator.discourse.relation.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.operator.discourse.api.v1alpha1.ObservabilityRelation;

class FirstRelationTest {

    private static ObservabilityRelation relation(String name, String instance, String created) {
        ObservabilityRelation r = TestObservabilityRelations.relation(name, instance);
        r.getMetadata().setCreationTimestamp(created);
        return r;
    }

    @Test
    void theOlderRelationOfTheSameInstanceKeepsIt() {
        ObservabilityRelation older = relation("b", "forum", "2026-01-01T10:00:00Z");
        ObservabilityRelation younger = relation("a", "forum", "2026-01-01T10:00:05Z");
        List<ObservabilityRelation> all = List.of(older, younger);
        assertThat(FirstRelation.before(younger, all)).contains(older);
        assertThat(FirstRelation.before(older, all)).isEmpty();
    }

    @Test
    void theNameBreaksATie() {
        ObservabilityRelation a = relation("a", "forum", "2026-01-01T10:00:00Z");
        ObservabilityRelation b = relation("b", "forum", "2026-01-01T10:00:00Z");
        assertThat(FirstRelation.before(b, List.of(a, b))).contains(a);
        assertThat(FirstRelation.before(a, List.of(a, b))).isEmpty();
    }

    @Test
    void otherInstancesAndRelationsBeingDeletedDoNotCount() {
        ObservabilityRelation other = relation("other", "blog", "2026-01-01T09:00:00Z");
        ObservabilityRelation going = relation("going", "forum", "2026-01-01T09:00:00Z");
        going.getMetadata().setDeletionTimestamp("2026-01-01T11:00:00Z");
        ObservabilityRelation mine = relation("mine", "forum", "2026-01-01T10:00:00Z");
        assertThat(FirstRelation.before(mine, List.of(other, going, mine))).isEmpty();
    }
}
