package dev.operator.discourse.api.v1alpha1;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;

@ValidationRule(value = "!self.forceLogin || (has(self.targetUrl) && self.targetUrl != '')",
        message = "saml.forceLogin needs saml.targetUrl: there is no identity provider to send logins to")
@ValidationRule(value = "!has(self.syncGroups) || size(self.syncGroups) == 0 || (has(self.targetUrl) && self.targetUrl != '')",
        message = "saml.syncGroups needs saml.targetUrl: there is no identity provider to read groups from")
@ValidationRule(value = "!has(self.targetUrl) || self.targetUrl == '' || (has(self.certificate) && self.certificate != '')"
        + " || (has(self.certificateFingerprint) && self.certificateFingerprint != '')",
        message = "saml.targetUrl needs saml.certificate or saml.certificateFingerprint, to verify the identity provider")
public class SamlSpec {

    @JsonPropertyDescription("URL of the identity provider's SingleSignOnService HTTP-Redirect endpoint (DISCOURSE_SAML_TARGET_URL). SAML is on when this is set.")
    private String targetUrl;

    @JsonPropertyDescription("The identity provider's signing certificate, PEM. The operator derives DISCOURSE_SAML_CERT_FINGERPRINT (SHA-1 of the DER) from it.")
    private String certificate;

    @Pattern("^$|^([0-9A-Fa-f]{2}:){19}[0-9A-Fa-f]{2}$")
    @JsonPropertyDescription("SHA-1 fingerprint of the identity provider's certificate (AA:BB:...), when no certificate is given.")
    private String certificateFingerprint;

    @Default("false")
    @JsonPropertyDescription("Send every login to the identity provider: turns local logins off and logs in through it at once (DISCOURSE_ENABLE_LOCAL_LOGINS=false, DISCOURSE_AUTH_IMMEDIATELY=true; the charm's force_saml_login).")
    private boolean forceLogin = false;

    @JsonPropertyDescription("Groups to synchronise from SAML (the charm's saml_sync_groups).")
    private List<String> syncGroups = new ArrayList<>();

    public boolean configured() {
        return targetUrl != null && !targetUrl.isBlank();
    }

    public String getTargetUrl() {
        return targetUrl;
    }

    public void setTargetUrl(String targetUrl) {
        this.targetUrl = targetUrl;
    }

    public String getCertificate() {
        return certificate;
    }

    public void setCertificate(String certificate) {
        this.certificate = certificate;
    }

    public String getCertificateFingerprint() {
        return certificateFingerprint;
    }

    public void setCertificateFingerprint(String certificateFingerprint) {
        this.certificateFingerprint = certificateFingerprint;
    }

    public boolean isForceLogin() {
        return forceLogin;
    }

    public void setForceLogin(boolean forceLogin) {
        this.forceLogin = forceLogin;
    }

    public List<String> getSyncGroups() {
        return syncGroups;
    }

    public void setSyncGroups(List<String> syncGroups) {
        this.syncGroups = syncGroups;
    }
}
