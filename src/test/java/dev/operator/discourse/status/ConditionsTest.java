package dev.operator.discourse.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Condition;

class ConditionsTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    private static List<Condition> said(boolean status, String message) {
        return new Conditions(null, 1L, CLOCK).set("Ready", status, "Reason", message).build();
    }

    @Test
    void alreadySaidMatchesTypeStatusAndMessage() {
        List<Condition> previous = said(false, "Secret x not found");
        assertThat(Conditions.alreadySaid(previous, "Ready", false, "Secret x not found")).isTrue();
        assertThat(Conditions.alreadySaid(previous, "Ready", false, "Secret y not found")).isFalse();
        assertThat(Conditions.alreadySaid(previous, "Ready", true, "Secret x not found")).isFalse();
        assertThat(Conditions.alreadySaid(previous, "ConfigValid", false, "Secret x not found")).isFalse();
        assertThat(Conditions.alreadySaid(null, "Ready", false, "Secret x not found")).isFalse();
    }

    @Test
    void anEmptyMessageIsStoredAsAbsentAndStillRecognised() {
        List<Condition> previous = said(false, "");
        assertThat(previous.get(0).getMessage()).isNull();
        assertThat(Conditions.alreadySaid(previous, "Ready", false, "")).isTrue();
        assertThat(Conditions.alreadySaid(previous, "Ready", false, null)).isTrue();
    }
}
