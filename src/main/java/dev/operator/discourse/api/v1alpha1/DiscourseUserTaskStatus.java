package dev.operator.discourse.api.v1alpha1;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.kubernetes.api.model.Condition;

/** Where the task is and how it ended. Never holds the generated password. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DiscourseUserTaskStatus {

    @JsonPropertyDescription("Pending, Running, Succeeded or Failed; Succeeded and Failed are final.")
    private UserTaskPhase phase;

    @JsonPropertyDescription("The spec generation the task ran (or waits to run) with.")
    private Long observedGeneration;

    @JsonPropertyDescription("Why the task waits, what it did, or why it failed.")
    private String message;

    @JsonPropertyDescription("When the operator started the task.")
    private String startedAt;

    @JsonPropertyDescription("When the task succeeded or failed.")
    private String completedAt;

    @JsonPropertyDescription("The Job that runs the task's commands; it stays until the task is deleted, with its log.")
    private String job;

    @JsonPropertyDescription("Marks the one run of this task: its Job's name. A Running task whose attempt is not "
            + "this task's Job (one started by an operator that ran commands in a pod) is failed, never run again.")
    private String attemptId;

    @JsonPropertyDescription("CreateUser: the Secret holding the generated password.")
    private String passwordSecret;

    @JsonPropertyDescription("Complete and Failed (with reason and message), and SpecChangeIgnored.")
    private List<Condition> conditions = new ArrayList<>();

    public UserTaskPhase getPhase() {
        return phase;
    }

    public void setPhase(UserTaskPhase phase) {
        this.phase = phase;
    }

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }

    public String getStartedAt() {
        return startedAt;
    }

    public void setStartedAt(String startedAt) {
        this.startedAt = startedAt;
    }

    public String getCompletedAt() {
        return completedAt;
    }

    public void setCompletedAt(String completedAt) {
        this.completedAt = completedAt;
    }

    public String getJob() {
        return job;
    }

    public void setJob(String job) {
        this.job = job;
    }

    public String getAttemptId() {
        return attemptId;
    }

    public void setAttemptId(String attemptId) {
        this.attemptId = attemptId;
    }

    public String getPasswordSecret() {
        return passwordSecret;
    }

    public void setPasswordSecret(String passwordSecret) {
        this.passwordSecret = passwordSecret;
    }

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof DiscourseUserTaskStatus other)) {
            return false;
        }
        return phase == other.phase && Objects.equals(observedGeneration, other.observedGeneration)
                && Objects.equals(message, other.message) && Objects.equals(startedAt, other.startedAt)
                && Objects.equals(completedAt, other.completedAt) && Objects.equals(job, other.job)
                && Objects.equals(attemptId, other.attemptId) && Objects.equals(passwordSecret, other.passwordSecret)
                && Objects.equals(conditions, other.conditions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(phase, observedGeneration, message, startedAt, completedAt, job, attemptId, passwordSecret,
                conditions);
    }
}
