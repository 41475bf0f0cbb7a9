package dev.operator.discourse.instance;

import static dev.operator.discourse.instance.ConfigValidator.blank;

import java.security.cert.CertificateException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.operator.discourse.api.v1alpha1.DiscourseInstance;
import dev.operator.discourse.api.v1alpha1.DiscourseInstanceSpec;
import dev.operator.discourse.api.v1alpha1.SecretKeyRef;
import dev.operator.discourse.workload.WorkloadNames;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;

/**
 * The env entries the instance reconciler owns on the Discourse container. Secrets are always secretKeyRef
 * entries, never values. What reads each name in Discourse is in image/discourse/CONTRACT.md.
 */
public final class InstanceEnv {

    public static final String SECRET_KEY_BASE_KEY = "secret_key_base";

    /** Names this reconciler may set for some spec, so extraEnv can never take them over. */
    private static final Set<String> ALWAYS_RESERVED = Set.of("DISCOURSE_FORCE_HTTPS", "SKIP_POST_DEPLOYMENT_MIGRATIONS");

    private InstanceEnv() {
    }

    public static String hostname(DiscourseInstance instance) {
        String host = instance.getSpec().getHostname();
        return blank(host) ? instance.getMetadata().getName() : host;
    }

    public static List<EnvVar> build(DiscourseInstance instance) {
        return build(instance, false);
    }

    /** ingressTls: an IngressRelation terminates TLS, which counts as https wherever forceHttps is unset. */
    public static List<EnvVar> build(DiscourseInstance instance, boolean ingressTls) {
        List<EnvVar> env = new ArrayList<>(operatorEnv(instance.getSpec(), hostname(instance),
                instance.getMetadata().getName(), ingressTls));
        env.addAll(instance.getSpec().getExtraEnv());
        return env;
    }

    static Set<String> reservedNames(DiscourseInstanceSpec spec) {
        Set<String> names = new LinkedHashSet<>(ALWAYS_RESERVED);
        operatorEnv(spec, "reserved", "reserved", false).forEach(e -> names.add(e.getName()));
        return names;
    }

    /** The scheme the forum is reached with: forceHttps when the user set it, else what the ingress does. */
    public static boolean https(DiscourseInstanceSpec spec, boolean ingressTls) {
        return spec.getForceHttps() != null ? spec.getForceHttps() : ingressTls;
    }

    private static List<EnvVar> operatorEnv(DiscourseInstanceSpec spec, String hostname, String instanceName,
            boolean ingressTls) {
        Env env = new Env();
        env.put("RAILS_ENV", "production");
        env.put("UNICORN_BIND_ALL", "true");
        env.put("UNICORN_WORKERS", spec.getUnicornWorkers());
        // a separate Sidekiq workload works the queues; the web pods' masters then fork none
        env.put("UNICORN_SIDEKIQS", spec.getSidekiq().separate() ? 0 : 1);
        env.put("UNICORN_SIDEKIQ_MAX_RSS", spec.getSidekiqMaxMemory());
        env.put("DISCOURSE_SERVE_STATIC_ASSETS", "true");
        env.put("DISCOURSE_REFRESH_MAXMIND_DB_DURING_PRECOMPILE_DAYS", "0");
        env.put("DISCOURSE_HOSTNAME", hostname);
        env.putIfSet("DISCOURSE_DEVELOPER_EMAILS", String.join(",", spec.getDeveloperEmails()));
        boolean forceHttps = Boolean.TRUE.equals(spec.getForceHttps());
        env.put("DISCOURSE_ENABLE_CORS", spec.getCors().isEnabled());
        env.putIfSet("DISCOURSE_CORS_ORIGIN", CorsOrigin.compute(spec.getCors().getOrigin(), spec.getCors().isAugment(),
                hostname, https(spec, ingressTls), spec.getS3().isEnabled() ? spec.getS3().getCdnUrl() : null));
        if (spec.getForceHttps() != null) {
            env.put("DISCOURSE_FORCE_HTTPS", forceHttps);
        }
        env.put("DISCOURSE_MAX_CATEGORY_NESTING", spec.getMaxCategoryNesting());
        ThrottlePreset.env(spec.getThrottleLevel()).forEach(env::put);
        env.secret("DISCOURSE_SECRET_KEY_BASE",
                new SecretKeyRef(WorkloadNames.secretKeyBaseSecret(instanceName), SECRET_KEY_BASE_KEY));
        smtp(spec, env);
        s3(spec, env);
        saml(spec, env);
        oidc(spec, env);
        proxy(spec, env);
        return env.entries;
    }

    private static void smtp(DiscourseInstanceSpec spec, Env env) {
        var smtp = spec.getSmtp();
        if (blank(smtp.getAddress())) {
            return;
        }
        env.put("DISCOURSE_SMTP_ADDRESS", smtp.getAddress());
        env.put("DISCOURSE_SMTP_PORT", smtp.getPort());
        env.putIfSet("DISCOURSE_SMTP_DOMAIN", smtp.getDomain());
        env.putIfSet("DISCOURSE_SMTP_USER_NAME", smtp.getUsername());
        if (SecretKeyRef.isSet(smtp.getPasswordSecretRef())) {
            env.secret("DISCOURSE_SMTP_PASSWORD", smtp.getPasswordSecretRef());
        }
        env.put("DISCOURSE_SMTP_AUTHENTICATION", smtp.getAuthentication().value());
        env.put("DISCOURSE_SMTP_ENABLE_START_TLS", smtp.isEnableStartTls());
        env.put("DISCOURSE_SMTP_FORCE_TLS", smtp.isForceTls());
        env.put("DISCOURSE_SMTP_OPENSSL_VERIFY_MODE", smtp.getOpensslVerifyMode().value());
    }

    private static void s3(DiscourseInstanceSpec spec, Env env) {
        var s3 = spec.getS3();
        if (!s3.isEnabled()) {
            return;
        }
        // S3 is on when bucket, region and keys are set (GlobalSetting.use_s3?): DISCOURSE_USE_S3 is read by nothing,
        // and FORCE_S3_UPLOADS would only make every assets Job upload every asset again.
        if (SecretKeyRef.isSet(s3.getAccessKeyIdSecretRef())) {
            env.secret("DISCOURSE_S3_ACCESS_KEY_ID", s3.getAccessKeyIdSecretRef());
        }
        if (SecretKeyRef.isSet(s3.getSecretAccessKeySecretRef())) {
            env.secret("DISCOURSE_S3_SECRET_ACCESS_KEY", s3.getSecretAccessKeySecretRef());
        }
        env.put("DISCOURSE_S3_BUCKET", s3.getBucket());
        env.put("DISCOURSE_S3_REGION", s3.getRegion());
        env.put("DISCOURSE_S3_ENDPOINT", s3.getEndpoint());
        if (!blank(s3.getBackupBucket())) {
            env.put("DISCOURSE_S3_BACKUP_BUCKET", s3.getBackupBucket());
            env.put("DISCOURSE_BACKUP_LOCATION", "s3");
        }
        env.putIfSet("DISCOURSE_S3_CDN_URL", s3.getCdnUrl());
        env.put("DISCOURSE_S3_INSTALL_CORS_RULE", s3.isInstallCorsRule());
    }

    private static void saml(DiscourseInstanceSpec spec, Env env) {
        var saml = spec.getSaml();
        if (!saml.configured()) {
            return;
        }
        env.put("DISCOURSE_SAML_TARGET_URL", saml.getTargetUrl());
        env.putIfSet("DISCOURSE_SAML_CERT_FINGERPRINT", fingerprint(saml.getCertificate(), saml.getCertificateFingerprint()));
        if (saml.isForceLogin()) {
            // The plugin's full_screen_login went in 2021; core's settings send every login to the one provider.
            env.put("DISCOURSE_ENABLE_LOCAL_LOGINS", "false");
            env.put("DISCOURSE_AUTH_IMMEDIATELY", "true");
        }
        if (saml.getSyncGroups() != null && !saml.getSyncGroups().isEmpty()) {
            env.put("DISCOURSE_SAML_SYNC_GROUPS", "true");
            env.put("DISCOURSE_SAML_GROUPS_FULLSYNC", "false");
            env.put("DISCOURSE_SAML_SYNC_GROUPS_LIST", String.join("|", saml.getSyncGroups()));
        }
    }

    private static String fingerprint(String pem, String given) {
        if (blank(pem)) {
            return given == null ? "" : given.toUpperCase();
        }
        try {
            return SamlFingerprint.of(pem);
        } catch (CertificateException | RuntimeException e) {
            // ConfigValidator reports the bad certificate; nothing is rolled out with it.
            return "";
        }
    }

    private static void oidc(DiscourseInstanceSpec spec, Env env) {
        var oidc = spec.getOidc();
        if (!oidc.configured()) {
            return;
        }
        String issuer = oidc.getIssuer().endsWith("/") ? oidc.getIssuer().substring(0, oidc.getIssuer().length() - 1)
                : oidc.getIssuer();
        env.put("DISCOURSE_OPENID_CONNECT_ENABLED", "true");
        env.put("DISCOURSE_OPENID_CONNECT_DISCOVERY_DOCUMENT", issuer + "/.well-known/openid-configuration");
        env.put("DISCOURSE_OPENID_CONNECT_CLIENT_ID", oidc.getClientId());
        if (SecretKeyRef.isSet(oidc.getClientSecretRef())) {
            env.secret("DISCOURSE_OPENID_CONNECT_CLIENT_SECRET", oidc.getClientSecretRef());
        }
        env.put("DISCOURSE_OPENID_CONNECT_AUTHORIZE_SCOPE", oidc.getScope());
        env.put("DISCOURSE_OPENID_CONNECT_MATCH_BY_EMAIL", oidc.isMatchByEmail());
    }

    private static void proxy(DiscourseInstanceSpec spec, Env env) {
        var proxy = spec.getProxy();
        proxy(env, "HTTPS_PROXY", proxy.getHttpsProxy());
        proxy(env, "HTTP_PROXY", proxy.getHttpProxy());
        proxy(env, "NO_PROXY", proxy.getNoProxy());
    }

    /** Tools disagree on the case they read, so both are set. */
    private static void proxy(Env env, String name, String value) {
        env.putIfSet(name, value);
        env.putIfSet(name.toLowerCase(), value);
    }

    /** Keeps insertion order, so the rendered StatefulSet is stable and golden files stay readable. */
    private static final class Env {
        private final List<EnvVar> entries = new ArrayList<>();

        void put(String name, Object value) {
            entries.add(new EnvVarBuilder().withName(name).withValue(String.valueOf(value)).build());
        }

        void putIfSet(String name, String value) {
            if (!blank(value)) {
                put(name, value);
            }
        }

        void secret(String name, SecretKeyRef ref) {
            entries.add(new EnvVarBuilder().withName(name).withNewValueFrom().withNewSecretKeyRef()
                    .withName(ref.getName()).withKey(ref.getKey()).endSecretKeyRef().endValueFrom().build());
        }
    }
}
