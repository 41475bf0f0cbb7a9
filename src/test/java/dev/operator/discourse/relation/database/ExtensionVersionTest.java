package dev.operator.discourse.relation.database;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExtensionVersionTest {

    @Test
    void comparesNumericPartsNotText() {
        assertThat(ExtensionVersion.compare("0.10.1", "0.7.0")).isPositive();
        assertThat(ExtensionVersion.compare("0.6.2", "0.7.0")).isNegative();
        assertThat(ExtensionVersion.compare("1.8", "1.8.0")).isZero();
        assertThat(ExtensionVersion.compare("0.7.0", "0.7.0")).isZero();
    }
}
