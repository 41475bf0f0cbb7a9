package dev.operator.discourse.usertask;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import dev.operator.discourse.api.v1alpha1.DiscourseUserTask;
import dev.operator.discourse.workload.WorkloadNames;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;

/**
 * The Secret a CreateUser task writes before it runs anything, so a password rake may already have set is
 * never lost. It is owned by the task: deleting the task deletes the Secret (take the password, or change it
 * in Discourse, before deleting). An existing Secret the task does not own is never touched.
 */
public final class PasswordSecret {

    public static final String EMAIL_KEY = "email";
    public static final String PASSWORD_KEY = "password";
    static final String COMPONENT = "user-task";

    private PasswordSecret() {
    }

    public static Secret desired(DiscourseUserTask task, String name, String password) {
        var owner = new OwnerReference(task.getApiVersion(), true, true, task.getKind(), task.getMetadata().getName(),
                task.getMetadata().getUid());
        return new SecretBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(task.getMetadata().getNamespace())
                .withLabels(Map.of(WorkloadNames.LABEL_MANAGED_BY, WorkloadNames.MANAGED_BY,
                        WorkloadNames.LABEL_COMPONENT, COMPONENT))
                .withOwnerReferences(owner)
                .endMetadata()
                .withType("Opaque")
                .addToData(EMAIL_KEY, encode(task.getSpec().getEmail()))
                .addToData(PASSWORD_KEY, encode(password))
                .build();
    }

    /** The password in an existing Secret, when this task made it; empty when someone else's Secret has the name. */
    public static Optional<String> ownPassword(DiscourseUserTask task, Secret existing) {
        boolean owned = existing.getMetadata().getOwnerReferences() != null && existing.getMetadata()
                .getOwnerReferences().stream().anyMatch(o -> task.getMetadata().getUid().equals(o.getUid()));
        String data = existing.getData() == null ? null : existing.getData().get(PASSWORD_KEY);
        if (!owned || data == null) {
            return Optional.empty();
        }
        return Optional.of(new String(Base64.getDecoder().decode(data), StandardCharsets.UTF_8));
    }

    private static String encode(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }
}
