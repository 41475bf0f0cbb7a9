package dev.operator.discourse.api.v1alpha1;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

public class DatabaseRelationStatus extends RelationStatus {

    @JsonPropertyDescription("host:port/database of the checked connection.")
    private String endpoint;

    @JsonPropertyDescription("PostgreSQL server version, as the server reports it.")
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
        return super.equals(o) && Objects.equals(endpoint, ((DatabaseRelationStatus) o).endpoint)
                && Objects.equals(serverVersion, ((DatabaseRelationStatus) o).serverVersion);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), endpoint, serverVersion);
    }
}
