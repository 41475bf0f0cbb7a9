package dev.operator.discourse.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Required;

/** A key in a Secret of the same namespace; the operator never copies its value into another object. */
public class SecretKeyRef {

    @Required
    @JsonPropertyDescription("Name of the Secret, in the same namespace as the resource that refers to it.")
    private String name;

    @Required
    @JsonPropertyDescription("Key within the Secret.")
    private String key;

    public SecretKeyRef() {
    }

    public SecretKeyRef(String name, String key) {
        this.name = name;
        this.key = key;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getKey() {
        return key;
    }

    public void setKey(String key) {
        this.key = key;
    }

    /** True when both the Secret's name and key are given. */
    public static boolean isSet(SecretKeyRef ref) {
        return ref != null && ref.name != null && !ref.name.isBlank() && ref.key != null && !ref.key.isBlank();
    }
}
