package dev.operator.discourse.instance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.operator.discourse.api.v1alpha1.DiscourseInstance;
import dev.operator.discourse.api.v1alpha1.DiscourseInstanceSpec;
import dev.operator.discourse.api.v1alpha1.SecretKeyRef;
import dev.operator.discourse.api.v1alpha1.UploadsStorageSpec;
import io.fabric8.kubernetes.api.model.EnvVar;

/** Every message of REFERENCE.md §5, word for word, and the checks this operator adds. */
class ConfigValidatorTest {

    private static DiscourseInstanceSpec spec() {
        return TestInstances.minimal("forum").getSpec();
    }

    @Test
    void defaultsAreValid() {
        assertThat(ConfigValidator.validate(spec())).isEmpty();
    }

    @Test
    void fullSpecIsValid() {
        assertThat(ConfigValidator.validate(TestInstances.full("forum").getSpec())).isEmpty();
    }

    @Test
    void corsWithoutOriginOrAugment() {
        var spec = spec();
        spec.getCors().setAugment(false);
        assertThat(ConfigValidator.validate(spec)).containsExactly(
                "invalid CORS config, `augment_cors_origin` must be enabled or `cors_origin` must be non-empty");
        spec.getCors().setEnabled(false);
        assertThat(ConfigValidator.validate(spec)).isEmpty();
    }

    @Test
    void aCorsStarIsRefusedSinceDiscourseComparesOriginsLiterally() {
        var spec = spec();
        spec.getCors().setOrigin("*");
        assertThat(ConfigValidator.validate(spec)).containsExactly(
                "cors.origin '*' is not a wildcard in Discourse, which compares each origin literally: list the origins");
    }

    @Test
    void throttleLevel() {
        var spec = spec();
        spec.setThrottleLevel(null);
        assertThat(ConfigValidator.validate(spec)).containsExactly("throttle_level must be one of: none permissive strict");
    }

    @Test
    void forceSamlLoginWithoutSaml() {
        var spec = spec();
        spec.getSaml().setForceLogin(true);
        assertThat(ConfigValidator.validate(spec)).containsExactly("force_saml_login cannot be true without a saml relation");
    }

    @Test
    void categoryNesting() {
        var spec = spec();
        spec.setMaxCategoryNesting(4);
        assertThat(ConfigValidator.validate(spec)).containsExactly("max_category_nesting must be one of: 2, 3");
    }

    @Test
    void samlSyncGroupsWithoutSaml() {
        var spec = spec();
        spec.getSaml().getSyncGroups().add("staff");
        assertThat(ConfigValidator.validate(spec))
                .containsExactly("'saml_sync_groups' cannot be specified without a saml relation");
    }

    @Test
    void samlWithoutForceHttps() {
        var spec = spec();
        spec.getSaml().setTargetUrl("https://idp/sso");
        spec.getSaml().setCertificateFingerprint("24:A0:62:37:01:53:15:CF:78:B2:58:F0:C5:DF:94:0B:F8:29:A5:DE");
        assertThat(ConfigValidator.validate(spec))
                .containsExactly("A saml relation cannot be specified without 'force_https' being true");
    }

    @Test
    void oidcWithoutForceHttps() {
        var spec = spec();
        spec.getOidc().setIssuer("https://login");
        spec.getOidc().setClientId("discourse");
        spec.getOidc().setClientSecretRef(new SecretKeyRef("oidc", "secret"));
        assertThat(ConfigValidator.validate(spec))
                .containsExactly("An oauth relation cannot be established without 'force_https' being true");
    }

    @Test
    void s3RequiresEachKey() {
        var spec = spec();
        spec.getS3().setEnabled(true);
        assertThat(ConfigValidator.validate(spec)).containsExactly(
                "'s3_enabled' requires 's3_access_key_id'",
                "'s3_enabled' requires 's3_secret_access_key'",
                "'s3_enabled' requires 's3_bucket'",
                "'s3_enabled' requires 's3_region'");
    }

    @Test
    void allFailuresTogetherInOneMessage() {
        var spec = spec();
        spec.getCors().setAugment(false);
        spec.setMaxCategoryNesting(5);
        spec.getSaml().setForceLogin(true);
        List<String> errors = ConfigValidator.validate(spec);
        assertThat(String.join(", ", errors)).isEqualTo(
                "invalid CORS config, `augment_cors_origin` must be enabled or `cors_origin` must be non-empty, "
                        + "force_saml_login cannot be true without a saml relation, "
                        + "max_category_nesting must be one of: 2, 3");
    }

    @Test
    void moreThanOneReplicaNeedsS3OrReadWriteMany() {
        var spec = spec();
        spec.setReplicas(2);
        assertThat(ConfigValidator.validate(spec)).containsExactly(
                "replicas > 1 needs s3.enabled or uploads.accessMode ReadWriteMany, else uploads are split between pods");
        spec.getUploads().setAccessMode(UploadsStorageSpec.AccessMode.READ_WRITE_MANY);
        assertThat(ConfigValidator.validate(spec)).isEmpty();
    }

    @Test
    void extraEnvCannotTakeOverOperatorOrRelationNames() {
        var spec = spec();
        spec.getExtraEnv().add(new EnvVar("DISCOURSE_HOSTNAME", "evil", null));
        spec.getExtraEnv().add(new EnvVar("DISCOURSE_DB_HOST", "evil", null));
        spec.getExtraEnv().add(new EnvVar("DISCOURSE_FORCE_HTTPS", "true", null));
        spec.getExtraEnv().add(new EnvVar("DISCOURSE_ENABLE_LOCAL_LOGINS", "false", null));
        assertThat(ConfigValidator.validate(spec)).containsExactly(
                "extraEnv must not set DISCOURSE_HOSTNAME: the operator sets it",
                "extraEnv must not set DISCOURSE_DB_HOST: the operator sets it",
                "extraEnv must not set DISCOURSE_FORCE_HTTPS: the operator sets it");
    }

    @Test
    void samlNeedsACertificateThatParses() {
        DiscourseInstance instance = TestInstances.full("forum");
        instance.getSpec().getSaml().setCertificate("-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----");
        assertThat(ConfigValidator.validate(instance.getSpec()))
                .containsExactly("saml.certificate is not a PEM X.509 certificate");
        instance.getSpec().getSaml().setCertificate("");
        assertThat(ConfigValidator.validate(instance.getSpec()))
                .containsExactly("saml requires 'certificate' or 'certificateFingerprint'");
    }

    @Test
    void oidcNeedsClientIdAndSecret() {
        var spec = spec();
        spec.setForceHttps(true);
        spec.getOidc().setIssuer("https://login");
        assertThat(ConfigValidator.validate(spec))
                .containsExactly("oidc requires 'clientId'", "oidc requires 'clientSecretRef'");
    }

    @Test
    void aSeparateSidekiqCannotShareAReadWriteOnceVolume() {
        var spec = new dev.operator.discourse.api.v1alpha1.DiscourseInstanceSpec();
        spec.getSidekiq().setMode(dev.operator.discourse.api.v1alpha1.SidekiqMode.SEPARATE);
        assertThat(ConfigValidator.validate(spec)).anySatisfy(e -> assertThat(e).contains("sidekiq.mode Separate")
                .contains("ReadWriteOnce"));
        spec.getUploads().setAccessMode(dev.operator.discourse.api.v1alpha1.UploadsStorageSpec.AccessMode.READ_WRITE_MANY);
        assertThat(ConfigValidator.validate(spec)).isEmpty();
    }

    @Test
    void podLabelsMayNotTakeTheOperatorsLabels() {
        var spec = new dev.operator.discourse.api.v1alpha1.DiscourseInstanceSpec();
        spec.setPodLabels(java.util.Map.of("team", "forum", "app.kubernetes.io/instance", "other"));
        assertThat(ConfigValidator.validate(spec))
                .containsExactly("podLabels must not set app.kubernetes.io/instance: the operator's selectors use it");
    }
}
