package dev.operator.discourse.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.operator.discourse.testsupport.Crds;
import dev.operator.discourse.testsupport.KubeApiServer;
import dev.operator.discourse.testsupport.RequiresKubeApiServer;
import dev.operator.discourse.testsupport.TestNamespace;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * The committed CRDs' CEL rules ({@code x-kubernetes-validations}), as the API server evaluates them at
 * {@code kubectl apply}: each cross-field mistake is refused with a message that names the fields, and the same
 * object with the mistake mended is stored. No operator runs here; what it says about objects it finds in the
 * cluster is ConfigValidatorTest's and the reconcilers' tests'.
 */
@RequiresKubeApiServer
class CrdValidationIT {

    private static KubernetesClient client;
    private static TestNamespace namespace;

    @BeforeAll
    static void crds() {
        client = KubeApiServer.shared().client();
        // the committed CRDs, as a kubectl user applies them
        Crds.apply(client, Path.of("kubernetes/crds"), ".yaml");
        namespace = TestNamespace.create(client, "it-cel-");
    }

    @AfterAll
    static void cleanup() {
        namespace.close();
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("DiscourseInstance", "cors: {enabled: true, augment: false}", "cors: {enabled: true, augment: false, origin: https://a.example}",
                        "cors.origin must name the allowed origins when cors.augment is false"),
                Arguments.of("DiscourseInstance", "cors: {origin: 'https://a.example, *'}", "cors: {origin: 'https://a.example'}",
                        "cors.origin '*' is not a wildcard in Discourse"),
                Arguments.of("DiscourseInstance", "saml: {forceLogin: true}", "saml: {forceLogin: false}",
                        "saml.forceLogin needs saml.targetUrl"),
                Arguments.of("DiscourseInstance", "saml: {syncGroups: [staff]}", "saml: {syncGroups: []}",
                        "saml.syncGroups needs saml.targetUrl"),
                Arguments.of("DiscourseInstance", "forceHttps: true\n  saml: {targetUrl: https://idp.example/sso}",
                        "forceHttps: true\n  saml: {targetUrl: https://idp.example/sso, certificateFingerprint: '"
                                + "AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD'}",
                        "saml.targetUrl needs saml.certificate or saml.certificateFingerprint"),
                Arguments.of("DiscourseInstance", "saml: {targetUrl: https://idp.example/sso, certificateFingerprint: '"
                        + "AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD'}",
                        "forceHttps: true\n  saml: {targetUrl: https://idp.example/sso, certificateFingerprint: '"
                                + "AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD'}",
                        "saml.targetUrl needs forceHttps: true"),
                Arguments.of("DiscourseInstance", "forceHttps: true\n  oidc: {issuer: https://id.example}",
                        "forceHttps: true\n  oidc: {issuer: https://id.example, clientId: forum, clientSecretRef: {name: s, key: k}}",
                        "oidc.issuer needs oidc.clientId"),
                Arguments.of("DiscourseInstance", "forceHttps: true\n  oidc: {issuer: https://id.example, clientId: forum}",
                        "forceHttps: true\n  oidc: {issuer: https://id.example, clientId: forum, clientSecretRef: {name: s, key: k}}",
                        "oidc.issuer needs oidc.clientSecretRef"),
                Arguments.of("DiscourseInstance", "oidc: {issuer: https://id.example, clientId: forum, clientSecretRef: {name: s, key: k}}",
                        "forceHttps: true\n  oidc: {issuer: https://id.example, clientId: forum, clientSecretRef: {name: s, key: k}}",
                        "oidc.issuer needs forceHttps: true"),
                Arguments.of("DiscourseInstance", "s3: {enabled: true, bucket: b, region: r}",
                        "s3: {enabled: true, bucket: b, region: r, accessKeyIdSecretRef: {name: s, key: id},"
                                + " secretAccessKeySecretRef: {name: s, key: secret}}",
                        "s3.enabled needs s3.accessKeyIdSecretRef and s3.secretAccessKeySecretRef"),
                Arguments.of("DiscourseInstance", "s3: {enabled: true, accessKeyIdSecretRef: {name: s, key: id},"
                        + " secretAccessKeySecretRef: {name: s, key: secret}}",
                        "s3: {enabled: true, bucket: b, region: r, accessKeyIdSecretRef: {name: s, key: id},"
                                + " secretAccessKeySecretRef: {name: s, key: secret}}",
                        "s3.enabled needs s3.bucket, s3.region and s3.endpoint"),
                Arguments.of("DiscourseInstance", "replicas: 2", "replicas: 2\n  uploads: {accessMode: ReadWriteMany}",
                        "replicas > 1 needs s3.enabled or uploads.accessMode: ReadWriteMany"),
                Arguments.of("DiscourseInstance", "sidekiq: {mode: Separate}",
                        "sidekiq: {mode: Separate}\n  uploads: {accessMode: ReadWriteMany}",
                        "sidekiq.mode: Separate needs s3.enabled or uploads.accessMode: ReadWriteMany"),
                Arguments.of("DiscourseInstance", "sidekiq: {queues: [{name: low}, {name: low, weight: 2}]}",
                        "sidekiq: {queues: [{name: low}, {name: critical, weight: 2}]}",
                        "each Sidekiq queue may be listed once"),
                Arguments.of("DiscourseInstance", "unsupported: {podTemplate: just-a-string}",
                        "unsupported: {podTemplate: {spec: {hostAliases: [{ip: 10.0.0.9}]}}}",
                        "spec.unsupported.podTemplate: Invalid value: \"string\""),
                Arguments.of("IngressRelation", "instanceRef: {name: forum}\n  tls: {issuer: a, clusterIssuer: b}",
                        "instanceRef: {name: forum}\n  tls: {clusterIssuer: b}",
                        "set tls.issuer or tls.clusterIssuer, not both"),
                Arguments.of("IngressRelation", "instanceRef: {name: forum}\n  httpRoute: {parentRefs: []}",
                        "instanceRef: {name: forum}\n  httpRoute: {parentRefs: [{name: gw}]}",
                        "httpRoute needs at least one parentRef"),
                Arguments.of("IngressRelation", "instanceRef: {name: forum}\n  httpRoute: {parentRefs: [{name: gw}]}\n"
                        + "  tls: {secretName: forum-tls}",
                        "instanceRef: {name: forum}\n  httpRoute: {parentRefs: [{name: gw}]}\n  tls: {}",
                        "with httpRoute the Gateway's listener holds the certificate"));
    }

    @ParameterizedTest(name = "{0} {3}")
    @MethodSource("refusals")
    void aCrossFieldMistakeIsRefusedAtAdmissionWithItsMessage(String kind, String wrong, String right, String message) {
        assertThatThrownBy(() -> create(kind, "wrong", wrong)).isInstanceOfSatisfying(KubernetesClientException.class,
                e -> {
                    assertThat(e.getCode()).isEqualTo(422);
                    assertThat(e.getMessage()).contains(message);
                });
        GenericKubernetesResource stored = create(kind, "right", right);
        assertThat(stored.getMetadata().getUid()).isNotBlank();
        client.resource(stored).delete();
    }

    @Test
    void theDefaultsPassEveryRule() {
        assertThat(create("DiscourseInstance", "plain", "hostname: forum.example.com").getMetadata().getUid()).isNotBlank();
    }

    private GenericKubernetesResource create(String kind, String name, String spec) {
        String yaml = """
                apiVersion: discourse.operator.dev/v1alpha1
                kind: %s
                metadata:
                  name: %s
                  namespace: %s
                spec:
                  %s
                """.formatted(kind, name.toLowerCase() + "-" + Integer.toHexString(spec.hashCode()), namespace.name, spec);
        return client.resource(Serialization.unmarshal(yaml, GenericKubernetesResource.class)).create();
    }
}
