package dev.operator.discourse.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;

/** What to do to which user of which instance. Read once, when the task starts; later edits are ignored. */
public class DiscourseUserTaskSpec {

    @Required
    @JsonPropertyDescription("The DiscourseInstance whose users this task changes.")
    private InstanceRef instanceRef;

    @Required
    @JsonPropertyDescription("CreateUser (email, admin, active), PromoteUser (email) or AnonymizeUser (username).")
    private UserOperation operation;

    @JsonPropertyDescription("The user's email, for CreateUser and PromoteUser.")
    private String email;

    @JsonPropertyDescription("The user's username, for AnonymizeUser.")
    private String username;

    @Default("false")
    @JsonPropertyDescription("CreateUser: make the new user an admin.")
    private boolean admin = false;

    @Default("true")
    @JsonPropertyDescription("CreateUser: confirm a non-admin user's email so the account can log in at once.")
    private boolean active = true;

    @JsonPropertyDescription("CreateUser: the Secret to create for the generated password (keys email, password); "
            + "default <task name>-password. It is owned by the task: deleting the task deletes it.")
    private PasswordSecretRef passwordSecretRef;

    /** The Secret a CreateUser task writes: the one named, or {@code <task>-password}. */
    public static String passwordSecretName(DiscourseUserTask task) {
        PasswordSecretRef ref = task.getSpec() == null ? null : task.getSpec().getPasswordSecretRef();
        return ref != null && ref.getName() != null && !ref.getName().isBlank() ? ref.getName()
                : task.getMetadata().getName() + "-password";
    }

    /** The referenced instance's name, or null when the reference is missing. */
    public String instanceName() {
        return instanceRef == null ? null : instanceRef.getName();
    }

    public InstanceRef getInstanceRef() {
        return instanceRef;
    }

    public void setInstanceRef(InstanceRef instanceRef) {
        this.instanceRef = instanceRef;
    }

    public UserOperation getOperation() {
        return operation;
    }

    public void setOperation(UserOperation operation) {
        this.operation = operation;
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public boolean isAdmin() {
        return admin;
    }

    public void setAdmin(boolean admin) {
        this.admin = admin;
    }

    public boolean isActive() {
        return active;
    }

    public void setActive(boolean active) {
        this.active = active;
    }

    public PasswordSecretRef getPasswordSecretRef() {
        return passwordSecretRef;
    }

    public void setPasswordSecretRef(PasswordSecretRef passwordSecretRef) {
        this.passwordSecretRef = passwordSecretRef;
    }
}
