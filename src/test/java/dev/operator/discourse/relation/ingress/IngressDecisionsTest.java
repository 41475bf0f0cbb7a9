package dev.operator.discourse.relation.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.operator.discourse.api.v1alpha1.DiscourseInstance;
import dev.operator.discourse.api.v1alpha1.DiscourseInstanceSpec;
import dev.operator.discourse.api.v1alpha1.GatewayParentRef;
import dev.operator.discourse.api.v1alpha1.HttpRouteSpec;
import dev.operator.discourse.api.v1alpha1.IngressRelation;
import dev.operator.discourse.api.v1alpha1.IngressRelationSpec;
import dev.operator.discourse.api.v1alpha1.IngressTlsSpec;
import dev.operator.discourse.instance.ConfigValidator;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClassBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;

/** The choices the reconciler makes from what it reads, each without a cluster. */
class IngressDecisionsTest {

    @Test
    void aNamedClassMustExist() {
        var missing = IngressClassChoice.of("nginx", List.of(ingressClass("traefik", false)));
        assertThat(missing.found()).isFalse();
        assertThat(missing.reason()).isEqualTo("IngressClassNotFound");
        assertThat(missing.message()).isEqualTo("IngressClass nginx does not exist in the cluster");

        var present = IngressClassChoice.of("nginx", List.of(ingressClass("traefik", true), ingressClass("nginx", false)));
        assertThat(present.found()).isTrue();
        assertThat(present.className()).isEqualTo("nginx");
    }

    @Test
    void withoutANameTheDefaultClassIsWrittenOrNothing() {
        var byDefault = IngressClassChoice.of(null, List.of(ingressClass("nginx", false), ingressClass("traefik", true)));
        assertThat(byDefault.found()).isTrue();
        assertThat(byDefault.className()).isEqualTo("traefik");
        assertThat(byDefault.reason()).isEqualTo("DefaultIngressClass");

        var none = IngressClassChoice.of(null, List.of(ingressClass("nginx", false)));
        assertThat(none.found()).isTrue();
        assertThat(none.className()).isNull();
        assertThat(none.reason()).isEqualTo("NoIngressClass");
    }

    /** The user's forceHttps, when set, is the value: the same the instance applies, so both may own it. */
    @Test
    void httpsOnlyWithTlsWithTheValueTheInstanceGivesWhenItGivesOne() {
        IngressRelationSpec spec = new IngressRelationSpec();
        assertThat(HttpsEnv.env(spec, instance(null))).isEmpty();
        assertThat(HttpsEnv.env(spec, instance(true))).isEmpty();
        spec.setTls(new IngressTlsSpec());
        assertThat(HttpsEnv.env(spec, instance(null))).extracting(e -> e.getName() + "=" + e.getValue())
                .containsExactly("DISCOURSE_FORCE_HTTPS=true");
        assertThat(HttpsEnv.env(spec, instance(false))).extracting(e -> e.getName() + "=" + e.getValue())
                .containsExactly("DISCOURSE_FORCE_HTTPS=false");
        assertThat(HttpsEnv.env(spec, instance(true))).extracting(e -> e.getName() + "=" + e.getValue())
                .containsExactly("DISCOURSE_FORCE_HTTPS=true");
    }

    @Test
    void theInstancesExtraEnvCanNeverTakeTheHttpsSwitch() {
        // The relation relies on this: a user's extraEnv entry would otherwise fight its field manager.
        DiscourseInstanceSpec spec = new DiscourseInstanceSpec();
        spec.setExtraEnv(List.of(new EnvVar(HttpsEnv.FORCE_HTTPS, "false", null)));
        assertThat(ConfigValidator.validate(spec)).contains("extraEnv must not set DISCOURSE_FORCE_HTTPS: the operator sets it");
    }

    @Test
    void specProblemsAreSentences() {
        IngressRelationSpec ok = new IngressRelationSpec();
        assertThat(IngressSpecCheck.problems(ok)).isEmpty();

        IngressRelationSpec both = new IngressRelationSpec();
        both.setTls(new IngressTlsSpec(null, "a", "b"));
        assertThat(IngressSpecCheck.problems(both)).containsExactly("Set tls.issuer or tls.clusterIssuer, not both");

        IngressRelationSpec route = new IngressRelationSpec();
        route.setHttpRoute(new HttpRouteSpec());
        assertThat(IngressSpecCheck.problems(route)).containsExactly("spec.httpRoute needs at least one parentRef");
        route.getHttpRoute().setParentRefs(List.of(new GatewayParentRef(null, "ns", null)));
        assertThat(IngressSpecCheck.problems(route)).containsExactly("every spec.httpRoute.parentRefs entry needs a name");
        route.getHttpRoute().setParentRefs(List.of(new GatewayParentRef("gw", null, null)));
        route.setTls(new IngressTlsSpec("cert", null, null));
        assertThat(IngressSpecCheck.problems(route)).singleElement().asString()
                .startsWith("With spec.httpRoute the Gateway's listener holds the certificate");
        route.setTls(new IngressTlsSpec());
        assertThat(IngressSpecCheck.problems(route)).isEmpty();
    }

    @Test
    void loadBalancerAddressesAreIpsOrHostNames() {
        assertThat(IngressAddresses.of(null)).isEmpty();
        assertThat(IngressAddresses.of(new IngressBuilder().build())).isEmpty();
        Ingress reported = new IngressBuilder().withNewStatus().withNewLoadBalancer()
                .addNewIngress().withIp("203.0.113.7").endIngress()
                .addNewIngress().withHostname("lb.example.net").endIngress()
                .endLoadBalancer().endStatus().build();
        assertThat(IngressAddresses.of(reported)).containsExactly("203.0.113.7", "lb.example.net");
    }

    @Test
    void theSampleIsAValidSpec() throws Exception {
        // Tests run from the module root, where the samples live.
        IngressRelation sample = Serialization.unmarshal(
                Files.readString(Path.of("kubernetes", "samples", "ingressrelation.yaml")), IngressRelation.class);
        assertThat(sample.getSpec().instanceName()).isEqualTo("forum");
        assertThat(IngressSpecCheck.problems(sample.getSpec())).isEmpty();
        assertThat(DesiredIngress.annotations(sample.getSpec()))
                .containsEntry("cert-manager.io/cluster-issuer", "letsencrypt")
                .containsEntry("nginx.ingress.kubernetes.io/session-cookie-max-age", "3600");
        assertThat(IngressNames.tlsSecret(sample.getSpec())).isEqualTo("forum-tls");
    }

    private static IngressClass ingressClass(String name, boolean isDefault) {
        return new IngressClassBuilder().withNewMetadata().withName(name)
                .withAnnotations(isDefault ? Map.of(IngressClassChoice.DEFAULT_ANNOTATION, "true") : null).endMetadata()
                .withNewSpec().withController("example.com/" + name).endSpec().build();
    }

    private static DiscourseInstance instance(Boolean forceHttps) {
        DiscourseInstance instance = new DiscourseInstance();
        instance.setSpec(new DiscourseInstanceSpec());
        instance.getSpec().setForceHttps(forceHttps);
        return instance;
    }
}
