package dev.operator.discourse.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

public class SmtpSpec {

    @JsonPropertyDescription("SMTP server host name; mail is configured only when this is set (DISCOURSE_SMTP_ADDRESS).")
    private String address;

    @Default("587")
    @Min(1)
    @Max(65535)
    @JsonPropertyDescription("SMTP server port (DISCOURSE_SMTP_PORT).")
    private int port = 587;

    @JsonPropertyDescription("HELO domain (DISCOURSE_SMTP_DOMAIN).")
    private String domain;

    @JsonPropertyDescription("SMTP user name (DISCOURSE_SMTP_USER_NAME).")
    private String username;

    @JsonPropertyDescription("Secret key holding the SMTP password (DISCOURSE_SMTP_PASSWORD, passed by secretKeyRef).")
    private SecretKeyRef passwordSecretRef;

    @Default("none")
    @JsonPropertyDescription("SMTP authentication method (DISCOURSE_SMTP_AUTHENTICATION).")
    private SmtpAuthentication authentication = SmtpAuthentication.NONE;

    @Default("true")
    @JsonPropertyDescription("Use STARTTLS when the server offers it (DISCOURSE_SMTP_ENABLE_START_TLS).")
    private boolean enableStartTls = true;

    @Default("false")
    @JsonPropertyDescription("Require implicit TLS (DISCOURSE_SMTP_FORCE_TLS).")
    private boolean forceTls = false;

    @Default("none")
    @JsonPropertyDescription("How OpenSSL verifies the SMTP server's certificate (DISCOURSE_SMTP_OPENSSL_VERIFY_MODE).")
    private SmtpOpensslVerifyMode opensslVerifyMode = SmtpOpensslVerifyMode.NONE;

    public String getAddress() {
        return address;
    }

    public void setAddress(String address) {
        this.address = address;
    }

    public int getPort() {
        return port;
    }

    public void setPort(int port) {
        this.port = port;
    }

    public String getDomain() {
        return domain;
    }

    public void setDomain(String domain) {
        this.domain = domain;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public SecretKeyRef getPasswordSecretRef() {
        return passwordSecretRef;
    }

    public void setPasswordSecretRef(SecretKeyRef passwordSecretRef) {
        this.passwordSecretRef = passwordSecretRef;
    }

    public SmtpAuthentication getAuthentication() {
        return authentication;
    }

    public void setAuthentication(SmtpAuthentication authentication) {
        this.authentication = authentication;
    }

    public boolean isEnableStartTls() {
        return enableStartTls;
    }

    public void setEnableStartTls(boolean enableStartTls) {
        this.enableStartTls = enableStartTls;
    }

    public boolean isForceTls() {
        return forceTls;
    }

    public void setForceTls(boolean forceTls) {
        this.forceTls = forceTls;
    }

    public SmtpOpensslVerifyMode getOpensslVerifyMode() {
        return opensslVerifyMode;
    }

    public void setOpensslVerifyMode(SmtpOpensslVerifyMode opensslVerifyMode) {
        this.opensslVerifyMode = opensslVerifyMode;
    }
}
