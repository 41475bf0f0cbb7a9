package dev.operator.discourse.api.v1alpha1;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;

@ValidationRule(value = "!has(self.httpRoute) || !has(self.tls) || ((!has(self.tls.secretName) || self.tls.secretName == '')"
        + " && (!has(self.tls.issuer) || self.tls.issuer == '') && (!has(self.tls.clusterIssuer) || self.tls.clusterIssuer == ''))",
        message = "with httpRoute the Gateway's listener holds the certificate: set tls: {} and leave tls.secretName,"
                + " tls.issuer and tls.clusterIssuer unset")
public class IngressRelationSpec extends RelationSpec {

    @Pattern("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")
    @JsonPropertyDescription("IngressClass of the Ingress. Unset: the cluster's default IngressClass, if it has one.")
    private String ingressClassName;

    @JsonPropertyDescription("TLS at the ingress; when set the forum is reached over https, and DISCOURSE_FORCE_HTTPS is turned on unless the instance sets forceHttps itself.")
    private IngressTlsSpec tls;

    @JsonPropertyDescription("Extra annotations of the Ingress or HTTPRoute. Applied last: on the same key they win over the operator's own.")
    private Map<String, String> annotations = new LinkedHashMap<>();

    @Default("20m")
    @Pattern("^[0-9]+[kKmMgG]?$")
    @JsonPropertyDescription("Largest request body the ingress accepts, i.e. the largest upload (nginx proxy-body-size, e.g. 20m).")
    private String maxBodySize = "20m";

    @JsonPropertyDescription("Cookie session affinity; on by default with a 3600 s cookie.")
    private SessionAffinitySpec sessionAffinity = new SessionAffinitySpec();

    @JsonPropertyDescription("Make a Gateway API HTTPRoute instead of an Ingress. Needs the gateway.networking.k8s.io CRDs; ingressClassName, maxBodySize and sessionAffinity do not apply to it.")
    private HttpRouteSpec httpRoute;

    /** True when the forum is reached over https. */
    public boolean tlsEnabled() {
        return tls != null;
    }

    public String getIngressClassName() {
        return ingressClassName;
    }

    public void setIngressClassName(String ingressClassName) {
        this.ingressClassName = ingressClassName;
    }

    public IngressTlsSpec getTls() {
        return tls;
    }

    public void setTls(IngressTlsSpec tls) {
        this.tls = tls;
    }

    public Map<String, String> getAnnotations() {
        return annotations;
    }

    public void setAnnotations(Map<String, String> annotations) {
        this.annotations = annotations;
    }

    public String getMaxBodySize() {
        return maxBodySize;
    }

    public void setMaxBodySize(String maxBodySize) {
        this.maxBodySize = maxBodySize;
    }

    public SessionAffinitySpec getSessionAffinity() {
        return sessionAffinity;
    }

    public void setSessionAffinity(SessionAffinitySpec sessionAffinity) {
        this.sessionAffinity = sessionAffinity;
    }

    public HttpRouteSpec getHttpRoute() {
        return httpRoute;
    }

    public void setHttpRoute(HttpRouteSpec httpRoute) {
        this.httpRoute = httpRoute;
    }
}
