package dev.operator.discourse.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;

/** Credentials of a PostgreSQL role that may create extensions; key names default to a basic-auth Secret's. */
public class AdminSecretRef {

    @Required
    @JsonPropertyDescription("Name of the Secret, in the relation's namespace.")
    private String name;

    @Default("username")
    @JsonPropertyDescription("Key of the user name.")
    private String userKey = "username";

    @Default("password")
    @JsonPropertyDescription("Key of the password.")
    private String passwordKey = "password";

    public AdminSecretRef() {
    }

    public AdminSecretRef(String name) {
        this.name = name;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
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
}
