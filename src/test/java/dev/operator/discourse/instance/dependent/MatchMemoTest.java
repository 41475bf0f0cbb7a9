package dev.operator.discourse.instance.dependent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;

class MatchMemoTest {

    final MatchMemo memo = new MatchMemo();
    final AtomicInteger asked = new AtomicInteger();

    BooleanSupplier answer(boolean matched) {
        return () -> {
            asked.incrementAndGet();
            return matched;
        };
    }

    @Test
    void aStatusChangeOfAMatchedObjectIsNotMatchedAgain() {
        assertThat(memo.matches(live(1L, "a", 0), desired(3), answer(true))).isTrue();
        // the controller rewrote the status: a new resourceVersion, the same generation
        assertThat(memo.matches(live(1L, "a", 1), desired(3), answer(true))).isTrue();
        assertThat(asked).hasValue(1);
    }

    @Test
    void aNewGenerationANewLabelOrANewDesiredObjectIsMatchedAgain() {
        memo.matches(live(1L, "a", 0), desired(3), answer(true));
        assertThat(memo.matches(live(2L, "a", 0), desired(3), answer(false))).as("someone changed the spec").isFalse();
        memo.matches(live(2L, "a", 0), desired(3), answer(true));
        assertThat(memo.matches(live(2L, "b", 0), desired(3), answer(false))).as("a label changed").isFalse();
        memo.matches(live(2L, "b", 0), desired(3), answer(true));
        assertThat(memo.matches(live(2L, "b", 0), desired(4), answer(false))).as("the spec asks for more").isFalse();
        assertThat(asked).hasValue(6);
    }

    @Test
    void aMismatchIsNeverRemembered() {
        memo.matches(live(1L, "a", 0), desired(3), answer(false));
        assertThat(memo.matches(live(1L, "a", 0), desired(3), answer(false))).isFalse();
        assertThat(asked).hasValue(2);
    }

    @Test
    void itHoldsABoundedNumberOfObjects() {
        for (int i = 0; i < MatchMemo.MAX_ENTRIES + 50; i++) {
            memo.matches(new StatefulSetBuilder().withNewMetadata().withName("forum-" + i).withNamespace("ns")
                    .withGeneration(1L).endMetadata().build(), desired(3), answer(true));
        }
        assertThat(memo.size()).isEqualTo(MatchMemo.MAX_ENTRIES);
    }

    static StatefulSet live(Long generation, String label, int status) {
        return new StatefulSetBuilder().withNewMetadata().withName("forum").withNamespace("ns").withGeneration(generation)
                .withResourceVersion(Integer.toString(100 + status)).addToLabels("app", label).endMetadata()
                .withNewStatus().withReadyReplicas(status).endStatus().build();
    }

    static StatefulSet desired(int workers) {
        return new StatefulSetBuilder().withNewMetadata().withName("forum").withNamespace("ns").endMetadata()
                .withNewSpec().withReplicas(workers).endSpec().build();
    }
}
