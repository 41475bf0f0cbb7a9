package dev.operator.discourse.relation.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.operator.discourse.api.v1alpha1.RedisRelationSpec;
import dev.operator.discourse.api.v1alpha1.SecretKeyRef;
import dev.operator.discourse.workload.RelationEnv;
import io.fabric8.kubernetes.api.model.EnvVar;

class RedisEnvTest {

    @Test
    void withoutPasswordOnlyLiteralsAndNoChecksum() {
        RedisRelationSpec spec = new RedisRelationSpec();
        assertThat(RedisEnv.env(spec, "redis.cache.svc")).extracting(e -> e.getName() + "=" + e.getValue())
                .containsExactly("DISCOURSE_REDIS_HOST=redis.cache.svc", "DISCOURSE_REDIS_PORT=6379",
                        "DISCOURSE_REDIS_USE_SSL=false", "DISCOURSE_REDIS_DB=0");
        assertThat(RedisEnv.annotations(null)).isEmpty();
    }

    @Test
    void passwordIsASecretKeyRefAndTlsAndDbAreCarried() {
        RedisRelationSpec spec = new RedisRelationSpec();
        spec.setPasswordSecretRef(new SecretKeyRef("redis-auth", "pw"));
        spec.setTls(true);
        spec.setDb(4);
        spec.setPort(6380);
        var env = RedisEnv.env(spec, "h");
        EnvVar password = env.stream().filter(e -> e.getName().equals("DISCOURSE_REDIS_PASSWORD")).findFirst().orElseThrow();
        assertThat(password.getValue()).isNull();
        assertThat(password.getValueFrom().getSecretKeyRef().getName()).isEqualTo("redis-auth");
        assertThat(password.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("pw");
        assertThat(env).filteredOn(e -> e.getValue() != null).extracting(e -> e.getName() + "=" + e.getValue())
                .contains("DISCOURSE_REDIS_PORT=6380", "DISCOURSE_REDIS_USE_SSL=true", "DISCOURSE_REDIS_DB=4");
        assertThat(env).extracting(EnvVar::getName).allMatch(RelationEnv::isRelationOwned);
        assertThat(RedisEnv.annotations("sum")).isEqualTo(Map.of(RedisEnv.CHECKSUM_ANNOTATION, "sum"));
    }

    @Test
    void aServiceRefBecomesTheClusterDnsName() {
        RedisRelationSpec spec = new RedisRelationSpec();
        spec.setServiceRef("valkey");
        assertThat(spec.effectiveHost("forum")).isEqualTo("valkey.forum.svc");
        spec.setHost("10.0.0.5");
        assertThat(spec.effectiveHost("forum")).as("an explicit host wins").isEqualTo("10.0.0.5");
        assertThat(new RedisRelationSpec().effectiveHost("forum")).isEmpty();
    }
}
