package dev.operator.discourse.instance;

import java.security.cert.CertificateException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.operator.discourse.api.v1alpha1.DiscourseInstanceSpec;
import dev.operator.discourse.api.v1alpha1.S3Spec;
import dev.operator.discourse.api.v1alpha1.SecretKeyRef;
import dev.operator.discourse.api.v1alpha1.UploadsStorageSpec;
import dev.operator.discourse.workload.RelationEnv;
import io.fabric8.kubernetes.api.model.EnvVar;

/**
 * The charm's validation (REFERENCE.md §5), word for word, followed by the checks a Kubernetes spec adds.
 * Enumerations and ranges are also in the CRD schema, so the API server usually refuses them first; they are
 * checked here too because an object stored under an older schema can still carry them.
 */
public final class ConfigValidator {

    private ConfigValidator() {
    }

    public static List<String> validate(DiscourseInstanceSpec spec) {
        List<String> errors = new ArrayList<>();
        boolean forceHttps = Boolean.TRUE.equals(spec.getForceHttps());
        var cors = spec.getCors();
        if (cors.isEnabled() && blank(cors.getOrigin()) && !cors.isAugment()) {
            errors.add("invalid CORS config, `augment_cors_origin` must be enabled or `cors_origin` must be non-empty");
        }
        if (CorsOrigin.hasWildcard(cors.getOrigin())) {
            errors.add("cors.origin '*' is not a wildcard in Discourse, which compares each origin literally: list the origins");
        }
        if (spec.getThrottleLevel() == null) {
            errors.add("throttle_level must be one of: none permissive strict");
        }
        var saml = spec.getSaml();
        if (saml.isForceLogin() && !saml.configured()) {
            errors.add("force_saml_login cannot be true without a saml relation");
        }
        if (spec.getMaxCategoryNesting() != 2 && spec.getMaxCategoryNesting() != 3) {
            errors.add("max_category_nesting must be one of: 2, 3");
        }
        if (saml.getSyncGroups() != null && !saml.getSyncGroups().isEmpty() && !saml.configured()) {
            errors.add("'saml_sync_groups' cannot be specified without a saml relation");
        }
        if (saml.configured() && !forceHttps) {
            errors.add("A saml relation cannot be specified without 'force_https' being true");
        }
        if (spec.getOidc().configured() && !forceHttps) {
            errors.add("An oauth relation cannot be established without 'force_https' being true");
        }
        S3Spec s3 = spec.getS3();
        if (s3.isEnabled()) {
            requireS3(errors, SecretKeyRef.isSet(s3.getAccessKeyIdSecretRef()), "s3_access_key_id");
            requireS3(errors, SecretKeyRef.isSet(s3.getSecretAccessKeySecretRef()), "s3_secret_access_key");
            requireS3(errors, !blank(s3.getBucket()), "s3_bucket");
            requireS3(errors, !blank(s3.getRegion()), "s3_region");
            requireS3(errors, !blank(s3.getEndpoint()), "s3_endpoint");
        }
        errors.addAll(kubernetesChecks(spec));
        return errors;
    }

    private static List<String> kubernetesChecks(DiscourseInstanceSpec spec) {
        List<String> errors = new ArrayList<>();
        var saml = spec.getSaml();
        if (saml.configured() && blank(saml.getCertificate()) && blank(saml.getCertificateFingerprint())) {
            errors.add("saml requires 'certificate' or 'certificateFingerprint'");
        }
        if (!blank(saml.getCertificate())) {
            try {
                SamlFingerprint.of(saml.getCertificate());
            } catch (CertificateException | RuntimeException e) {
                errors.add("saml.certificate is not a PEM X.509 certificate");
            }
        }
        var oidc = spec.getOidc();
        if (oidc.configured() && blank(oidc.getClientId())) {
            errors.add("oidc requires 'clientId'");
        }
        if (oidc.configured() && !SecretKeyRef.isSet(oidc.getClientSecretRef())) {
            errors.add("oidc requires 'clientSecretRef'");
        }
        if (spec.getReplicas() > 1 && !spec.getS3().isEnabled()
                && spec.getUploads().getAccessMode() != UploadsStorageSpec.AccessMode.READ_WRITE_MANY) {
            errors.add("replicas > 1 needs s3.enabled or uploads.accessMode ReadWriteMany, "
                    + "else uploads are split between pods");
        }
        if (spec.getSidekiq() != null && spec.getSidekiq().separate() && !spec.getS3().isEnabled()
                && spec.getUploads().getAccessMode() != UploadsStorageSpec.AccessMode.READ_WRITE_MANY) {
            errors.add("sidekiq.mode Separate needs s3.enabled or uploads.accessMode ReadWriteMany: "
                    + "a ReadWriteOnce uploads volume cannot be shared by the web and Sidekiq pods");
        }
        if (spec.getPodLabels() != null) {
            spec.getPodLabels().keySet().stream().filter(k -> k.startsWith("app.kubernetes.io/")).sorted()
                    .forEach(k -> errors.add("podLabels must not set " + k + ": the operator's selectors use it"));
        }
        errors.addAll(PodTemplateOverlay.problems(spec));
        Set<String> reserved = InstanceEnv.reservedNames(spec);
        for (EnvVar env : spec.getExtraEnv()) {
            if (env.getName() == null || env.getName().isBlank()) {
                errors.add("extraEnv entries need a name");
            } else if (reserved.contains(env.getName()) || RelationEnv.isRelationOwned(env.getName())) {
                errors.add("extraEnv must not set " + env.getName() + ": the operator sets it");
            }
        }
        return errors;
    }

    private static void requireS3(List<String> errors, boolean present, String key) {
        if (!present) {
            errors.add("'s3_enabled' requires '" + key + "'");
        }
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
