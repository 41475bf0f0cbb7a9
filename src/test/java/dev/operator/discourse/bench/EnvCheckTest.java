package dev.operator.discourse.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;

class EnvCheckTest {

    static EnvVar literal(String name, String value) {
        return new EnvVarBuilder().withName(name).withValue(value).build();
    }

    static EnvVar secret(String name, String secret, String key) {
        return new EnvVarBuilder().withName(name).withNewValueFrom().withNewSecretKeyRef().withName(secret).withKey(key)
                .endSecretKeyRef().endValueFrom().build();
    }

    @Test
    void everyExpectedEntryPresentAmongOthersIsConverged() {
        List<EnvVar> live = List.of(literal("A", "1"), secret("P", "s", "password"), literal("EXTRA", "x"));
        assertThat(EnvCheck.missing(List.of(literal("A", "1"), secret("P", "s", "password")), live)).isEmpty();
    }

    @Test
    void anOldValueIsNotConverged() {
        assertThat(EnvCheck.missing(List.of(literal("UNICORN_WORKERS", "4")), List.of(literal("UNICORN_WORKERS", "3"))))
                .containsExactly("UNICORN_WORKERS");
    }

    @Test
    void aSecretReferenceToAnotherKeyOrALiteralInsteadIsNotConverged() {
        assertThat(EnvCheck.missing(List.of(secret("P", "s", "password"), secret("Q", "s", "q")),
                List.of(secret("P", "s", "pw"), literal("Q", "s/q")))).containsExactly("P", "Q");
    }

    @Test
    void aMissingEntryOrNoEnvAtAllIsNotConverged() {
        assertThat(EnvCheck.missing(List.of(literal("A", "1"), literal("B", "2")), List.of(literal("A", "1"))))
                .containsExactly("B");
        assertThat(EnvCheck.missing(List.of(literal("A", "1")), null)).containsExactly("A");
    }
}
