package dev.operator.discourse.api.v1alpha1;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The status of a relation to a server the operator checks: where it is and what runs there. */
public class ServerRelationStatus extends RelationStatus {

    @JsonPropertyDescription("The checked server: host:port, and the database where there is one.")
    private String endpoint;

    @JsonPropertyDescription("The server version, as the server reports it.")
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
        return super.equals(o) && Objects.equals(endpoint, ((ServerRelationStatus) o).endpoint)
                && Objects.equals(serverVersion, ((ServerRelationStatus) o).serverVersion);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), endpoint, serverVersion);
    }
}
