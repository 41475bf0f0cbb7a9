package dev.operator.discourse.instance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import dev.operator.discourse.api.v1alpha1.DiscourseInstance;
import dev.operator.discourse.api.v1alpha1.DiscourseInstanceSpec;
import dev.operator.discourse.api.v1alpha1.SecretKeyRef;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;

/** DiscourseInstances as a user would write them, for the pure tests. */
public final class TestInstances {

    private TestInstances() {
    }

    public static DiscourseInstance minimal(String name) {
        DiscourseInstance instance = new DiscourseInstance();
        instance.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("forums").withGeneration(1L)
                .withUid("00000000-0000-0000-0000-000000000001").build());
        instance.setSpec(new DiscourseInstanceSpec());
        return instance;
    }

    /** Everything on: https, SMTP, S3 with a CDN, SAML, OIDC, proxy, strict throttling. */
    public static DiscourseInstance full(String name) {
        DiscourseInstance instance = minimal(name);
        DiscourseInstanceSpec spec = instance.getSpec();
        spec.setHostname("forum.example.com");
        spec.setForceHttps(true);
        spec.setReplicas(3);
        spec.getDeveloperEmails().add("admin@example.com");
        spec.getDeveloperEmails().add("ops@example.com");
        spec.getCors().setOrigin("https://custom.origin");
        spec.setThrottleLevel(dev.operator.discourse.api.v1alpha1.ThrottleLevel.STRICT);
        spec.setMaxCategoryNesting(3);
        spec.getSmtp().setAddress("smtp.example.com");
        spec.getSmtp().setUsername("mailer");
        spec.getSmtp().setDomain("example.com");
        spec.getSmtp().setPasswordSecretRef(new SecretKeyRef("smtp", "password"));
        spec.getS3().setEnabled(true);
        spec.getS3().setAccessKeyIdSecretRef(new SecretKeyRef("s3", "access-key-id"));
        spec.getS3().setSecretAccessKeySecretRef(new SecretKeyRef("s3", "secret-access-key"));
        spec.getS3().setBucket("uploads");
        spec.getS3().setRegion("eu-west-1");
        spec.getS3().setBackupBucket("backups");
        spec.getS3().setCdnUrl("https://cdn.test");
        spec.getSaml().setTargetUrl("https://idp.example.com/sso/redirect");
        spec.getSaml().setCertificate(resource("/certs/idp.pem"));
        spec.getSaml().setForceLogin(true);
        spec.getSaml().getSyncGroups().add("staff");
        spec.getSaml().getSyncGroups().add("mods");
        spec.getOidc().setIssuer("https://login.example.com/realms/forum/");
        spec.getOidc().setClientId("discourse");
        spec.getOidc().setClientSecretRef(new SecretKeyRef("oidc", "client-secret"));
        spec.getProxy().setHttpProxy("http://proxy:3128");
        spec.getProxy().setNoProxy("localhost,.svc");
        return instance;
    }

    public static String resource(String path) {
        try (InputStream in = TestInstances.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
