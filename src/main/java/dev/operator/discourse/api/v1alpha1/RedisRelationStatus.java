package dev.operator.discourse.api.v1alpha1;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

public class RedisRelationStatus extends RelationStatus {

    @JsonPropertyDescription("host:port of the checked server.")
    private String endpoint;

    @JsonPropertyDescription("Redis server version, as the server reports it.")
    private String serverVersion;

    public String getEndpoint() {
        return endpoint;
    }

    public void setEndpoint(String endpoint) {
        this.endpoint = endpoint;
    }

    public String getServerVersion() {
        return serverVersion;
    }

    public void setServerVersion(String serverVersion) {
        this.serverVersion = serverVersion;
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o) && Objects.equals(endpoint, ((RedisRelationStatus) o).endpoint)
                && Objects.equals(serverVersion, ((RedisRelationStatus) o).serverVersion);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), endpoint, serverVersion);
    }
}
