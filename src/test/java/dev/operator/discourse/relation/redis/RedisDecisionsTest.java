package dev.operator.discourse.relation.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.operator.discourse.api.v1alpha1.RedisRelation;
import dev.operator.discourse.api.v1alpha1.RedisRelationSpec;
import dev.operator.discourse.api.v1alpha1.SecretKeyRef;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;

/** What the Redis relation decides from its spec and its Secret, before any server is asked. */
class RedisDecisionsTest {

    private static RedisRelation relation(RedisRelationSpec spec) {
        var relation = new RedisRelation();
        relation.setMetadata(new ObjectMetaBuilder().withName("cache").withNamespace("ns").build());
        relation.setSpec(spec);
        return relation;
    }

    private static Secret secret(Map<String, String> plain) {
        var b64 = new java.util.LinkedHashMap<String, String>();
        plain.forEach((k, v) -> b64.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
        return new SecretBuilder().withNewMetadata().withName("redis-auth").endMetadata().withData(b64).build();
    }

    @Test
    void aHostOrAServiceIsNeededAndAPasswordRefNeedsNameAndKey() {
        RedisRelationSpec spec = new RedisRelationSpec();
        assertThat(RedisSpecCheck.problems(relation(spec))).containsExactly("Set spec.host or spec.serviceRef");

        spec.setServiceRef("redis");
        assertThat(RedisSpecCheck.problems(relation(spec))).isEmpty();

        spec.setPasswordSecretRef(new SecretKeyRef("redis-auth", null));
        assertThat(RedisSpecCheck.problems(relation(spec)))
                .containsExactly("spec.passwordSecretRef needs both name and key");
        spec.setPasswordSecretRef(new SecretKeyRef("redis-auth", "pw"));
        assertThat(RedisSpecCheck.problems(relation(spec))).isEmpty();
    }

    @Test
    void thePasswordIsTheNamedKeyWithAChecksumOfItAlone() {
        SecretKeyRef ref = new SecretKeyRef("redis-auth", "pw");
        var found = (RedisPassword.Found) RedisPassword.of(secret(Map.of("pw", "s3cret", "other", "x")), ref);
        assertThat(found.password()).isEqualTo("s3cret");

        var otherKeyChanged = (RedisPassword.Found) RedisPassword.of(secret(Map.of("pw", "s3cret", "other", "y")), ref);
        assertThat(otherKeyChanged.checksum()).as("a key nobody reads rolls no pod").isEqualTo(found.checksum());
        var passwordChanged = (RedisPassword.Found) RedisPassword.of(secret(Map.of("pw", "new")), ref);
        assertThat(passwordChanged.checksum()).isNotEqualTo(found.checksum());
    }

    @Test
    void aMissingOrEmptyKeyIsSaidNotPassedOn() {
        SecretKeyRef ref = new SecretKeyRef("redis-auth", "pw");
        assertThat(RedisPassword.of(secret(Map.of("password", "x")), ref))
                .isEqualTo(new RedisPassword.Unusable("Secret redis-auth has no key pw"));
        assertThat(RedisPassword.of(secret(Map.of("pw", "")), ref)).isInstanceOfSatisfying(RedisPassword.Unusable.class,
                u -> assertThat(u.message()).startsWith("Secret redis-auth key pw is empty"));
        assertThat(RedisPassword.of(new SecretBuilder().withNewMetadata().withName("redis-auth").endMetadata().build(),
                ref)).isInstanceOf(RedisPassword.Unusable.class);
    }
}
