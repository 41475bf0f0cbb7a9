package dev.operator.discourse.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The Secret a CreateUser task writes the generated password into. */
public class PasswordSecretRef {

    @JsonPropertyDescription("Name of the Secret to create in the task's namespace; it must not exist yet.")
    private String name;

    public PasswordSecretRef() {
    }

    public PasswordSecretRef(String name) {
        this.name = name;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }
}
