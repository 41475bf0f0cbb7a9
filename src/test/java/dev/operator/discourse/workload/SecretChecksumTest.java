package dev.operator.discourse.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;

class SecretChecksumTest {

    private static Secret secret(Map<String, String> data) {
        return new SecretBuilder().withNewMetadata().withName("s").withResourceVersion("1").endMetadata()
                .withData(data).build();
    }

    @Test
    void independentOfKeyOrderAndMetadataButNotOfValues() {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("user", "dQ==");
        a.put("password", "cDE=");
        Map<String, String> b = new LinkedHashMap<>();
        b.put("password", "cDE=");
        b.put("user", "dQ==");
        Secret other = secret(b);
        other.getMetadata().setResourceVersion("2");
        assertThat(SecretChecksum.of(secret(a))).isEqualTo(SecretChecksum.of(other)).hasSize(64);
        b.put("password", "cDI=");
        assertThat(SecretChecksum.of(secret(a))).isNotEqualTo(SecretChecksum.of(secret(b)));
    }

    @Test
    void keyAndValueBoundariesMatter() {
        assertThat(SecretChecksum.of(secret(Map.of("ab", "c")))).isNotEqualTo(SecretChecksum.of(secret(Map.of("a", "bc"))));
    }

    @Test
    void onlyTheNamedKeysWhenAsked() {
        Map<String, String> data = new LinkedHashMap<>(Map.of("password", "cDE=", "unrelated", "eA=="));
        String before = SecretChecksum.of(secret(data), List.of("password"));
        data.put("unrelated", "eQ==");
        assertThat(SecretChecksum.of(secret(data), List.of("password"))).isEqualTo(before);
        data.put("password", "cDI=");
        assertThat(SecretChecksum.of(secret(data), List.of("password"))).isNotEqualTo(before);
    }

    @Test
    void theChecksumDoesNotContainTheSecret() {
        assertThat(SecretChecksum.of(secret(Map.of("password", "c2VjcmV0")))).doesNotContain("c2VjcmV0");
    }
}
