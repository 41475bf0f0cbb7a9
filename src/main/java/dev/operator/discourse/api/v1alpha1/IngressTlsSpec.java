package dev.operator.discourse.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * TLS at the ingress. Present means the forum is reached over https; the certificate comes from an existing
 * Secret or from cert-manager.
 */
@ValidationRule(value = "!(has(self.issuer) && self.issuer != '' && has(self.clusterIssuer) && self.clusterIssuer != '')",
        message = "set tls.issuer or tls.clusterIssuer, not both")
public class IngressTlsSpec {

    @Pattern("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")
    @JsonPropertyDescription("The kubernetes.io/tls Secret holding the certificate. With an issuer it is where cert-manager writes it; defaults then to <instance>-tls. Not for httpRoute: the Gateway's listener holds the certificate.")
    private String secretName;

    @Pattern("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")
    @JsonPropertyDescription("A cert-manager Issuer in the relation's namespace (cert-manager.io/issuer annotation). Not with clusterIssuer.")
    private String issuer;

    @Pattern("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")
    @JsonPropertyDescription("A cert-manager ClusterIssuer (cert-manager.io/cluster-issuer annotation). Not with issuer.")
    private String clusterIssuer;

    public IngressTlsSpec() {
    }

    public IngressTlsSpec(String secretName, String issuer, String clusterIssuer) {
        this.secretName = secretName;
        this.issuer = issuer;
        this.clusterIssuer = clusterIssuer;
    }

    /** True when cert-manager is asked for the certificate. */
    public boolean certManager() {
        return set(issuer) || set(clusterIssuer);
    }

    static boolean set(String s) {
        return s != null && !s.isBlank();
    }

    public String getSecretName() {
        return secretName;
    }

    public void setSecretName(String secretName) {
        this.secretName = secretName;
    }

    public String getIssuer() {
        return issuer;
    }

    public void setIssuer(String issuer) {
        this.issuer = issuer;
    }

    public String getClusterIssuer() {
        return clusterIssuer;
    }

    public void setClusterIssuer(String clusterIssuer) {
        this.clusterIssuer = clusterIssuer;
    }
}
