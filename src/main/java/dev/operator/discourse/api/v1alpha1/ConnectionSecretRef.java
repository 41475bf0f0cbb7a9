package dev.operator.discourse.api.v1alpha1;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;

/** A Secret holding a PostgreSQL connection; key names default to CloudNativePG's. */
public class ConnectionSecretRef {

    @Required
    @JsonPropertyDescription("Name of the Secret, in the relation's namespace.")
    private String name;

    @Default("host")
    @JsonPropertyDescription("Key of the host name.")
    private String hostKey = "host";

    @Default("port")
    @JsonPropertyDescription("Key of the port.")
    private String portKey = "port";

    @Default("dbname")
    @JsonPropertyDescription("Key of the database name.")
    private String databaseKey = "dbname";

    @Default("user")
    @JsonPropertyDescription("Key of the user name.")
    private String userKey = "user";

    @Default("password")
    @JsonPropertyDescription("Key of the password.")
    private String passwordKey = "password";

    @Default("sslmode")
    @JsonPropertyDescription("Key of the libpq sslmode (disable, require, verify-full, ...); optional in the Secret.")
    private String sslmodeKey = "sslmode";

    public ConnectionSecretRef() {
    }

    public ConnectionSecretRef(String name) {
        this.name = name;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    /** Every key the relation reads from the Secret. */
    public List<String> keys() {
        return List.of(getHostKey(), getPortKey(), getDatabaseKey(), getUserKey(), getPasswordKey(),
                getSslmodeKey());
    }

    public String getHostKey() {
        return hostKey;
    }

    public void setHostKey(String hostKey) {
        this.hostKey = hostKey;
    }

    public String getPortKey() {
        return portKey;
    }

    public void setPortKey(String portKey) {
        this.portKey = portKey;
    }

    public String getDatabaseKey() {
        return databaseKey;
    }

    public void setDatabaseKey(String databaseKey) {
        this.databaseKey = databaseKey;
    }

    public String getUserKey() {
        return userKey;
    }

    public void setUserKey(String userKey) {
        this.userKey = userKey;
    }

    public String getPasswordKey() {
        return passwordKey;
    }

    public void setPasswordKey(String passwordKey) {
        this.passwordKey = passwordKey;
    }

    public String getSslmodeKey() {
        return sslmodeKey;
    }

    public void setSslmodeKey(String sslmodeKey) {
        this.sslmodeKey = sslmodeKey;
    }
}
