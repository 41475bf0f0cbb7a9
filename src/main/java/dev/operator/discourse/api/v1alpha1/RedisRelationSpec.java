package dev.operator.discourse.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

public class RedisRelationSpec extends RelationSpec {

    @JsonPropertyDescription("Redis host name. Either host or serviceRef.")
    private String host;

    @JsonPropertyDescription("A Service in the relation's namespace; its cluster DNS name becomes the host.")
    private String serviceRef;

    @Default("6379")
    @Min(1)
    @Max(65535)
    @JsonPropertyDescription("Redis port.")
    private int port = 6379;

    @JsonPropertyDescription("Secret key holding the Redis password (AUTH). The pods read it through secretKeyRef.")
    private SecretKeyRef passwordSecretRef;

    @Default("false")
    @JsonPropertyDescription("Connect over TLS (DISCOURSE_REDIS_USE_SSL).")
    private boolean tls = false;

    @Default("0")
    @Min(0)
    @Max(15)
    @JsonPropertyDescription("Redis database number (DISCOURSE_REDIS_DB).")
    private int db = 0;

    @Default("false")
    @JsonPropertyDescription("Skip the operator's live check, for clusters where the operator cannot reach Redis.")
    private boolean skipConnectionCheck = false;

    /** The host the pods and the check connect to. */
    public String effectiveHost(String namespace) {
        if (host != null && !host.isBlank()) {
            return host;
        }
        return serviceRef == null || serviceRef.isBlank() ? "" : serviceRef + "." + namespace + ".svc";
    }

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    public String getServiceRef() {
        return serviceRef;
    }

    public void setServiceRef(String serviceRef) {
        this.serviceRef = serviceRef;
    }

    public int getPort() {
        return port;
    }

    public void setPort(int port) {
        this.port = port;
    }

    public SecretKeyRef getPasswordSecretRef() {
        return passwordSecretRef;
    }

    public void setPasswordSecretRef(SecretKeyRef passwordSecretRef) {
        this.passwordSecretRef = passwordSecretRef;
    }

    public boolean isTls() {
        return tls;
    }

    public void setTls(boolean tls) {
        this.tls = tls;
    }

    public int getDb() {
        return db;
    }

    public void setDb(int db) {
        this.db = db;
    }

    public boolean isSkipConnectionCheck() {
        return skipConnectionCheck;
    }

    public void setSkipConnectionCheck(boolean skipConnectionCheck) {
        this.skipConnectionCheck = skipConnectionCheck;
    }
}
