package dev.operator.discourse.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void nearestRankPercentilesOfTwoHundredValuesAreMeasuredValues() {
        List<Double> values = new ArrayList<>();
        for (int i = 1; i <= 200; i++) {
            values.add((double) i);
        }
        Collections.shuffle(values, new java.util.Random(7));
        Stats s = Stats.of(values);
        assertThat(s.count()).isEqualTo(200);
        assertThat(s.min()).isEqualTo(1);
        assertThat(s.p50()).isEqualTo(100); // rank ceil(0.5*200) = 100
        assertThat(s.p90()).isEqualTo(180);
        assertThat(s.p99()).isEqualTo(198);
        assertThat(s.max()).isEqualTo(200);
        assertThat(s.mean()).isEqualTo(100.5);
    }

    @Test
    void aSmallSampleHasItsMaximumAsP99AndItsMiddleAsMedian() {
        Stats s = Stats.of(List.of(30.0, 10.0, 20.0));
        assertThat(s.p50()).isEqualTo(20);
        assertThat(s.p99()).isEqualTo(30);
    }

    @Test
    void oneOutlierIsTheP99OfAHundredOnlyWhenItIsInTheTopPercent() {
        List<Double> values = new ArrayList<>(Collections.nCopies(98, 1.0));
        values.add(50.0);
        values.add(1000.0);
        Stats s = Stats.of(values);
        assertThat(s.p99()).isEqualTo(50);
        assertThat(s.max()).isEqualTo(1000);
    }

    @Test
    void anEmptySampleIsNotANumberRatherThanZero() {
        Stats s = Stats.of(List.of());
        assertThat(s.count()).isZero();
        assertThat(s.p50()).isNaN();
    }
}
