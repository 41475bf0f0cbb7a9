package dev.operator.discourse.relation.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.operator.discourse.api.v1alpha1.GatewayParentRef;
import dev.operator.discourse.api.v1alpha1.HttpRouteSpec;
import dev.operator.discourse.api.v1alpha1.IngressRelation;
import dev.operator.discourse.api.v1alpha1.IngressTlsSpec;
import dev.operator.discourse.testsupport.GoldenFiles;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.utils.Serialization;

/** The Ingress and HTTPRoute a relation makes, for representative specs, as reviewed YAML. */
class DesiredRoutesGoldenTest {

    static IngressRelation relation(String kind) {
        IngressRelation r = TestIngressRelations.relation("forum-web", "forum");
        var spec = r.getSpec();
        switch (kind) {
            case "nginx-affinity" -> spec.setIngressClassName("nginx");
            case "tls-secret" -> {
                spec.setIngressClassName("nginx");
                spec.setTls(new IngressTlsSpec("forum-cert", null, null));
                spec.setMaxBodySize("100m");
            }
            case "cert-manager" -> {
                spec.setTls(new IngressTlsSpec(null, null, "letsencrypt"));
                spec.getSessionAffinity().setMaxAgeSeconds(600);
                spec.getSessionAffinity().setCookieName("route");
            }
            case "extra-annotations" -> {
                spec.setTls(new IngressTlsSpec(null, "local-ca", null));
                spec.setAnnotations(new TreeMap<>(Map.of(
                        "nginx.ingress.kubernetes.io/proxy-body-size", "1g",
                        "external-dns.alpha.kubernetes.io/ttl", "60")));
            }
            case "no-tls-no-affinity" -> spec.getSessionAffinity().setEnabled(false);
            case "httproute" -> {
                spec.setTls(new IngressTlsSpec());
                spec.setHttpRoute(new HttpRouteSpec());
                spec.getHttpRoute().setParentRefs(List.of(new GatewayParentRef("public", "gateways", "https"),
                        new GatewayParentRef("internal", null, null)));
                spec.setAnnotations(Map.of("example.com/team", "forum"));
            }
            default -> throw new IllegalArgumentException(kind);
        }
        return r;
    }

    @ParameterizedTest
    @ValueSource(strings = { "nginx-affinity", "tls-secret", "cert-manager", "extra-annotations", "no-tls-no-affinity" })
    void ingress(String kind) {
        IngressRelation r = relation(kind);
        Ingress ingress = DesiredIngress.build(r, "forum.example.com", r.getSpec().getIngressClassName());
        GoldenFiles.assertMatches("ingress-" + kind + ".yaml", Serialization.asYaml(ingress));
    }

    @Test
    void httpRoute() {
        GoldenFiles.assertMatches("ingress-httproute.yaml",
                Serialization.asYaml(DesiredHttpRoute.build(relation("httproute"), "forum.example.com", "v1")));
    }

    @Test
    void affinityIsOnByDefaultWithTheCharmsMaxAge() {
        Ingress ingress = DesiredIngress.build(TestIngressRelations.relation("web", "forum"), "h", null);
        assertThat(ingress.getMetadata().getAnnotations())
                .containsEntry("nginx.ingress.kubernetes.io/affinity", "cookie")
                .containsEntry("nginx.ingress.kubernetes.io/session-cookie-max-age", "3600")
                .containsEntry("nginx.ingress.kubernetes.io/session-cookie-name", "forum_AFFINITY")
                .containsEntry("nginx.ingress.kubernetes.io/proxy-body-size", "20m");
        assertThat(ingress.getSpec().getIngressClassName()).isNull();
        assertThat(ingress.getSpec().getTls()).isEmpty();
    }

    @Test
    void theUsersAnnotationsWinOnTheSameKey() {
        IngressRelation r = relation("extra-annotations");
        assertThat(DesiredIngress.build(r, "h", null).getMetadata().getAnnotations())
                .containsEntry("nginx.ingress.kubernetes.io/proxy-body-size", "1g")
                .containsEntry("cert-manager.io/issuer", "local-ca");
    }

    @Test
    void aCertManagerCertificateGoesToInstanceTlsUnlessASecretIsNamed() {
        IngressRelation r = relation("cert-manager");
        assertThat(DesiredIngress.build(r, "h", null).getSpec().getTls().get(0).getSecretName()).isEqualTo("forum-tls");
        r.getSpec().getTls().setSecretName("mine");
        assertThat(DesiredIngress.build(r, "h", null).getSpec().getTls().get(0).getSecretName()).isEqualTo("mine");
        assertThat(IngressRelationReconciler.secretNames(r)).containsExactly("mine");
    }

    @Test
    void tlsWithoutSecretOrIssuerUsesTheControllersDefaultCertificate() {
        IngressRelation r = TestIngressRelations.relation("web", "forum");
        r.getSpec().setTls(new IngressTlsSpec());
        var tls = DesiredIngress.build(r, "forum.example.com", null).getSpec().getTls();
        assertThat(tls).hasSize(1);
        assertThat(tls.get(0).getHosts()).containsExactly("forum.example.com");
        assertThat(tls.get(0).getSecretName()).isNull();
        assertThat(IngressRelationReconciler.secretNames(r)).isEmpty();
        assertThat(IngressNames.url(r.getSpec(), "forum.example.com")).isEqualTo("https://forum.example.com");
    }

    @Test
    void theRouteIsOwnedByTheRelationForTheGarbageCollector() {
        Ingress ingress = DesiredIngress.build(relation("nginx-affinity"), "h", "nginx");
        assertThat(ingress.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> {
            assertThat(o.getKind()).isEqualTo("IngressRelation");
            assertThat(o.getApiVersion()).isEqualTo("discourse.operator.dev/v1alpha1");
            assertThat(o.getName()).isEqualTo("forum-web");
            assertThat(o.getUid()).isEqualTo("0b7c5e1a-1111-4c2d-9e3f-000000000001");
            assertThat(o.getController()).isTrue();
        });
        assertThat(ingress.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "discourse-operator");
    }
}
