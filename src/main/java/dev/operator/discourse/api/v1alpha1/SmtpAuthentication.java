package dev.operator.discourse.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

public enum SmtpAuthentication {
    @JsonProperty("none")
    NONE("none"),
    @JsonProperty("login")
    LOGIN("login"),
    @JsonProperty("plain")
    PLAIN("plain"),
    @JsonProperty("cram_md5")
    CRAM_MD5("cram_md5");

    private final String value;

    SmtpAuthentication(String value) {
        this.value = value;
    }

    /** The value Discourse expects in DISCOURSE_SMTP_AUTHENTICATION. */
    public String value() {
        return value;
    }
}
