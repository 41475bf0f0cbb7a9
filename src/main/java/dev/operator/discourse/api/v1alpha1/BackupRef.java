package dev.operator.discourse.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Required;

public class BackupRef {

    @Required
    @JsonPropertyDescription("Name of a DiscourseBackup in the same namespace; its archive and location are restored.")
    private String name;

    public BackupRef() {
    }

    public BackupRef(String name) {
        this.name = name;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }
}
