package dev.operator.discourse.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.ValidationRule;

@ValidationRule(value = "!has(self.issuer) || self.issuer == '' || (has(self.clientId) && self.clientId != '')",
        message = "oidc.issuer needs oidc.clientId")
@ValidationRule(value = "!has(self.issuer) || self.issuer == '' || has(self.clientSecretRef)",
        message = "oidc.issuer needs oidc.clientSecretRef, the Secret key holding the client secret")
public class OidcSpec {

    @JsonPropertyDescription("Issuer URL; Discourse reads <issuer>/.well-known/openid-configuration. OpenID Connect is on when this is set.")
    private String issuer;

    @JsonPropertyDescription("OAuth client id (DISCOURSE_OPENID_CONNECT_CLIENT_ID).")
    private String clientId;

    @JsonPropertyDescription("Secret key holding the OAuth client secret (DISCOURSE_OPENID_CONNECT_CLIENT_SECRET).")
    private SecretKeyRef clientSecretRef;

    @Default("openid email")
    @JsonPropertyDescription("Scopes to request (DISCOURSE_OPENID_CONNECT_AUTHORIZE_SCOPE).")
    private String scope = "openid email";

    @Default("true")
    @JsonPropertyDescription("Match existing accounts by email (DISCOURSE_OPENID_CONNECT_MATCH_BY_EMAIL).")
    private boolean matchByEmail = true;

    public boolean configured() {
        return issuer != null && !issuer.isBlank();
    }

    public String getIssuer() {
        return issuer;
    }

    public void setIssuer(String issuer) {
        this.issuer = issuer;
    }

    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public SecretKeyRef getClientSecretRef() {
        return clientSecretRef;
    }

    public void setClientSecretRef(SecretKeyRef clientSecretRef) {
        this.clientSecretRef = clientSecretRef;
    }

    public String getScope() {
        return scope;
    }

    public void setScope(String scope) {
        this.scope = scope;
    }

    public boolean isMatchByEmail() {
        return matchByEmail;
    }

    public void setMatchByEmail(boolean matchByEmail) {
        this.matchByEmail = matchByEmail;
    }
}
