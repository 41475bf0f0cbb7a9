package dev.operator.discourse.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.operator.discourse.api.v1alpha1.DiscourseInstance;
import dev.operator.discourse.api.v1alpha1.SmtpAuthentication;
import io.fabric8.kubernetes.api.model.EnvVar;

class InstanceEnvTest {

    private static Map<String, String> values(DiscourseInstance instance) {
        Map<String, String> values = new LinkedHashMap<>();
        for (EnvVar e : InstanceEnv.build(instance)) {
            values.put(e.getName(), e.getValueFrom() != null
                    ? "secret:" + e.getValueFrom().getSecretKeyRef().getName() + "/" + e.getValueFrom().getSecretKeyRef().getKey()
                    : e.getValue());
        }
        return values;
    }

    @Test
    void defaults() {
        assertThat(values(TestInstances.minimal("discourse-k8s"))).containsExactly(
                entry("RAILS_ENV", "production"),
                entry("UNICORN_BIND_ALL", "true"),
                entry("UNICORN_WORKERS", "3"),
                entry("UNICORN_SIDEKIQS", "1"),
                entry("UNICORN_SIDEKIQ_MAX_RSS", "1000"),
                entry("DISCOURSE_SERVE_STATIC_ASSETS", "true"),
                entry("DISCOURSE_REFRESH_MAXMIND_DB_DURING_PRECOMPILE_DAYS", "0"),
                entry("DISCOURSE_HOSTNAME", "discourse-k8s"),
                entry("DISCOURSE_ENABLE_CORS", "true"),
                entry("DISCOURSE_CORS_ORIGIN", "http://discourse-k8s"),
                entry("DISCOURSE_MAX_CATEGORY_NESTING", "2"),
                entry("DISCOURSE_MAX_REQS_PER_IP_MODE", "none"),
                entry("DISCOURSE_MAX_REQS_RATE_LIMIT_ON_PRIVATE", "false"),
                entry("DISCOURSE_SECRET_KEY_BASE", "secret:discourse-k8s-secret-key-base/secret_key_base"));
    }

    @Test
    void everySettingOfTheFullSpec() {
        Map<String, String> env = values(TestInstances.full("forum"));
        assertThat(env).contains(
                entry("DISCOURSE_HOSTNAME", "forum.example.com"),
                entry("DISCOURSE_DEVELOPER_EMAILS", "admin@example.com,ops@example.com"),
                entry("DISCOURSE_FORCE_HTTPS", "true"),
                entry("DISCOURSE_CORS_ORIGIN", "https://cdn.test,https://custom.origin,https://forum.example.com"),
                entry("DISCOURSE_MAX_CATEGORY_NESTING", "3"),
                entry("DISCOURSE_MAX_REQS_PER_IP_MODE", "block"),
                entry("DISCOURSE_SMTP_ADDRESS", "smtp.example.com"),
                entry("DISCOURSE_SMTP_PORT", "587"),
                entry("DISCOURSE_SMTP_DOMAIN", "example.com"),
                entry("DISCOURSE_SMTP_USER_NAME", "mailer"),
                entry("DISCOURSE_SMTP_PASSWORD", "secret:smtp/password"),
                entry("DISCOURSE_SMTP_AUTHENTICATION", "none"),
                entry("DISCOURSE_SMTP_ENABLE_START_TLS", "true"),
                entry("DISCOURSE_SMTP_FORCE_TLS", "false"),
                entry("DISCOURSE_SMTP_OPENSSL_VERIFY_MODE", "none"),
                entry("DISCOURSE_S3_ACCESS_KEY_ID", "secret:s3/access-key-id"),
                entry("DISCOURSE_S3_SECRET_ACCESS_KEY", "secret:s3/secret-access-key"),
                entry("DISCOURSE_S3_BUCKET", "uploads"),
                entry("DISCOURSE_S3_REGION", "eu-west-1"),
                entry("DISCOURSE_S3_ENDPOINT", "https://s3.amazonaws.com"),
                entry("DISCOURSE_S3_BACKUP_BUCKET", "backups"),
                entry("DISCOURSE_BACKUP_LOCATION", "s3"),
                entry("DISCOURSE_S3_CDN_URL", "https://cdn.test"),
                entry("DISCOURSE_S3_INSTALL_CORS_RULE", "true"),
                entry("DISCOURSE_SAML_TARGET_URL", "https://idp.example.com/sso/redirect"),
                entry("DISCOURSE_SAML_CERT_FINGERPRINT", TestInstances.resource("/certs/idp.sha1").trim()),
                entry("DISCOURSE_ENABLE_LOCAL_LOGINS", "false"),
                entry("DISCOURSE_AUTH_IMMEDIATELY", "true"),
                entry("DISCOURSE_SAML_SYNC_GROUPS", "true"),
                entry("DISCOURSE_SAML_GROUPS_FULLSYNC", "false"),
                entry("DISCOURSE_SAML_SYNC_GROUPS_LIST", "staff|mods"),
                entry("DISCOURSE_OPENID_CONNECT_ENABLED", "true"),
                entry("DISCOURSE_OPENID_CONNECT_DISCOVERY_DOCUMENT",
                        "https://login.example.com/realms/forum/.well-known/openid-configuration"),
                entry("DISCOURSE_OPENID_CONNECT_CLIENT_ID", "discourse"),
                entry("DISCOURSE_OPENID_CONNECT_CLIENT_SECRET", "secret:oidc/client-secret"),
                entry("DISCOURSE_OPENID_CONNECT_AUTHORIZE_SCOPE", "openid email"),
                entry("DISCOURSE_OPENID_CONNECT_MATCH_BY_EMAIL", "true"),
                entry("HTTP_PROXY", "http://proxy:3128"),
                entry("http_proxy", "http://proxy:3128"),
                entry("NO_PROXY", "localhost,.svc"),
                entry("no_proxy", "localhost,.svc"));
        assertThat(env).doesNotContainKeys("HTTPS_PROXY", "https_proxy");
    }

    @Test
    void secretsAreNeverLiteralValues() {
        List<EnvVar> env = InstanceEnv.build(TestInstances.full("forum"));
        assertThat(env).filteredOn(e -> e.getName().matches(".*(PASSWORD|SECRET).*"))
                .isNotEmpty()
                .allSatisfy(e -> {
                    assertThat(e.getValue()).isNull();
                    assertThat(e.getValueFrom().getSecretKeyRef()).isNotNull();
                });
    }

    @Test
    void smtpIsOffWithoutAnAddressAndFollowsItsSettings() {
        DiscourseInstance instance = TestInstances.minimal("forum");
        assertThat(values(instance)).noneSatisfy((k, v) -> assertThat(k).startsWith("DISCOURSE_SMTP_"));
        instance.getSpec().getSmtp().setAddress("mail");
        instance.getSpec().getSmtp().setPort(465);
        instance.getSpec().getSmtp().setAuthentication(SmtpAuthentication.CRAM_MD5);
        instance.getSpec().getSmtp().setForceTls(true);
        assertThat(values(instance)).contains(entry("DISCOURSE_SMTP_PORT", "465"),
                entry("DISCOURSE_SMTP_AUTHENTICATION", "cram_md5"), entry("DISCOURSE_SMTP_FORCE_TLS", "true"))
                .doesNotContainKey("DISCOURSE_SMTP_PASSWORD");
    }

    @Test
    void forceHttpsIsLeftToOthersWhenUnset() {
        DiscourseInstance instance = TestInstances.minimal("forum");
        assertThat(values(instance)).doesNotContainKey("DISCOURSE_FORCE_HTTPS");
        instance.getSpec().setForceHttps(false);
        assertThat(values(instance)).contains(entry("DISCOURSE_FORCE_HTTPS", "false"));
    }

    @Test
    void samlFingerprintCanBeGivenDirectly() {
        DiscourseInstance instance = TestInstances.full("forum");
        instance.getSpec().getSaml().setCertificate("");
        instance.getSpec().getSaml().setCertificateFingerprint("aa:bb");
        assertThat(values(instance)).contains(entry("DISCOURSE_SAML_CERT_FINGERPRINT", "AA:BB"));
    }

    @Test
    void sidekiqMemoryWorkersAndExtraEnv() {
        DiscourseInstance instance = TestInstances.minimal("forum");
        instance.getSpec().setSidekiqMaxMemory(2048);
        instance.getSpec().setUnicornWorkers(8);
        instance.getSpec().getExtraEnv().add(new EnvVar("DISCOURSE_ENABLE_LOCAL_LOGINS", "false", null));
        Map<String, String> env = values(instance);
        assertThat(env).contains(entry("UNICORN_SIDEKIQ_MAX_RSS", "2048"), entry("UNICORN_WORKERS", "8"));
        assertThat(env.keySet()).last().isEqualTo("DISCOURSE_ENABLE_LOCAL_LOGINS");
    }

    @Test
    void everyProxyInBothCasesInAStableOrder() {
        DiscourseInstance instance = TestInstances.minimal("forum");
        instance.getSpec().getProxy().setHttpProxy("http://p:1");
        instance.getSpec().getProxy().setHttpsProxy("http://p:2");
        instance.getSpec().getProxy().setNoProxy(".svc");
        assertThat(values(instance)).contains(entry("HTTPS_PROXY", "http://p:2"),
                entry("https_proxy", "http://p:2"), entry("HTTP_PROXY", "http://p:1"), entry("http_proxy", "http://p:1"),
                entry("NO_PROXY", ".svc"), entry("no_proxy", ".svc"));
        assertThat(values(instance).keySet()).containsSubsequence("HTTPS_PROXY", "HTTP_PROXY", "NO_PROXY");
    }

    @Test
    void neverSetsRelationOwnedNames() {
        assertThat(InstanceEnv.build(TestInstances.full("forum")))
                .noneSatisfy(e -> assertThat(e.getName()).matches("DISCOURSE_(DB|REDIS)_.*"));
    }

    @Test
    void anIngressWithTlsMakesTheOriginHttpsUnlessForceHttpsSaysOtherwise() {
        DiscourseInstance instance = TestInstances.minimal("forum");
        assertThat(origin(InstanceEnv.build(instance, true))).isEqualTo("https://forum");
        assertThat(origin(InstanceEnv.build(instance, false))).isEqualTo("http://forum");
        instance.getSpec().setForceHttps(false);
        assertThat(origin(InstanceEnv.build(instance, true))).as("the user's explicit choice wins").isEqualTo("http://forum");
        assertThat(InstanceEnv.build(instance, true)).extracting(EnvVar::getName).contains("DISCOURSE_FORCE_HTTPS");
        instance.getSpec().setForceHttps(null);
        assertThat(InstanceEnv.build(instance, true)).extracting(EnvVar::getName)
                .as("the ingress relation owns it then").doesNotContain("DISCOURSE_FORCE_HTTPS");
    }

    private static String origin(List<EnvVar> env) {
        return env.stream().filter(e -> e.getName().equals("DISCOURSE_CORS_ORIGIN")).findFirst().orElseThrow().getValue();
    }
}
