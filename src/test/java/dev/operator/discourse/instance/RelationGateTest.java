package dev.operator.discourse.instance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.operator.discourse.api.v1alpha1.DatabaseRelation;
import dev.operator.discourse.api.v1alpha1.DatabaseRelationStatus;
import dev.operator.discourse.api.v1alpha1.RedisRelation;
import dev.operator.discourse.api.v1alpha1.RedisRelationStatus;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;

class RelationGateTest {

    static DatabaseRelation database(String name, String ready, long generation, long observed) {
        DatabaseRelation r = new DatabaseRelation();
        r.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("forums").withGeneration(generation).build());
        DatabaseRelationStatus status = new DatabaseRelationStatus();
        if (ready != null) {
            status.getConditions().add(new ConditionBuilder().withType("Ready").withStatus(ready)
                    .withMessage("True".equals(ready) ? "" : "password authentication failed")
                    .withObservedGeneration(observed).build());
        }
        r.setStatus(status);
        return r;
    }

    static RedisRelation redis(String name, String ready) {
        RedisRelation r = new RedisRelation();
        r.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("forums").withGeneration(1L).build());
        RedisRelationStatus status = new RedisRelationStatus();
        if (ready != null) {
            status.getConditions().add(new ConditionBuilder().withType("Ready").withStatus(ready).withObservedGeneration(1L).build());
        }
        r.setStatus(status);
        return r;
    }

    @Test
    void charmWaitingMessages() {
        assertThat(RelationGate.database(List.of()).message()).isEqualTo("Waiting for database relation");
        assertThat(RelationGate.redis(List.of()).message()).isEqualTo("Waiting for redis relation");
        assertThat(RelationGate.redis(List.of(redis("cache", null).view())).message())
                .isEqualTo("Waiting for redis relation to initialize");
    }

    @Test
    void notReadyCarriesTheRelationsReason() {
        RelationGate gate = RelationGate.database(List.of(database("db", "False", 1, 1).view()));
        assertThat(gate.ready()).isFalse();
        assertThat(gate.message()).isEqualTo("Waiting for database relation: password authentication failed");
    }

    @Test
    void aRelationWhoseCheckFailsIsStillPresentButAMissingOrDuplicatedOneIsNot() {
        assertThat(RelationGate.database(List.of(database("db", "False", 1, 1).view())).present()).isTrue();
        assertThat(RelationGate.database(List.of(database("db", "True", 2, 1).view())).present()).isTrue();
        assertThat(RelationGate.database(List.of()).present()).isFalse();
        assertThat(RelationGate.redis(List.of(redis("b", "True").view(), redis("a", "True").view())).present()).isFalse();
    }

    @Test
    void readyOnlyForTheCurrentGeneration() {
        assertThat(RelationGate.database(List.of(database("db", "True", 2, 1).view())).ready()).isFalse();
        assertThat(RelationGate.database(List.of(database("db", "True", 2, 2).view())).ready()).isTrue();
    }

    @Test
    void twoRelationsOfOneKindAreAConflict() {
        RelationGate gate = RelationGate.redis(List.of(redis("b", "True").view(), redis("a", "True").view()));
        assertThat(gate.ready()).isFalse();
        assertThat(gate.reason()).isEqualTo("RelationConflict");
        assertThat(gate.message()).contains("(a, b)");
    }
}
