package dev.operator.discourse.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

public enum SmtpOpensslVerifyMode {
    @JsonProperty("none")
    NONE("none"),
    @JsonProperty("peer")
    PEER("peer"),
    @JsonProperty("client_once")
    CLIENT_ONCE("client_once"),
    @JsonProperty("fail_if_no_peer_cert")
    FAIL_IF_NO_PEER_CERT("fail_if_no_peer_cert");

    private final String value;

    SmtpOpensslVerifyMode(String value) {
        this.value = value;
    }

    /** The value Discourse expects in DISCOURSE_SMTP_OPENSSL_VERIFY_MODE. */
    public String value() {
        return value;
    }
}
