package dev.operator.discourse.api.v1alpha1;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.kubernetes.api.model.Condition;

/** Where the restore is, step by step, and whether it holds the forum down. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DiscourseRestoreStatus {

    @JsonPropertyDescription("Pending, Checking, Stopping, Restoring, Migrating, Starting, Succeeded or Failed; the last two are final.")
    private RestorePhase phase;

    @JsonPropertyDescription("The spec generation the restore runs (or waits to run) with.")
    private Long observedGeneration;

    @JsonPropertyDescription("What the restore waits for or does now; on failure, what state the database is in and how to go on.")
    private String message;

    @JsonPropertyDescription("The Job of the current (or last) step; it stays until the restore is deleted, with its log.")
    private String job;

    @JsonPropertyDescription("The last Job the operator made, once it made it: a step whose Job is gone after it was "
            + "made (deleted by hand) is not run again, as a half-run restore must not be repeated.")
    private String jobMade;

    @JsonPropertyDescription("The archive restored, by its file name in the backup store.")
    private String archive;

    @JsonPropertyDescription("The store the archive is read from: local or s3.")
    private String location;

    @JsonPropertyDescription("True while this restore holds the forum's web and Sidekiq at zero replicas; a failed restore holds it when the database is not a forum to serve. Deleting the restore releases it.")
    private Boolean holdsForum;

    @JsonPropertyDescription("After a failure: what the operator read in the database (schemas public and backup), as the way on depends on it.")
    private String databaseState;

    @JsonPropertyDescription("When the forum was taken down.")
    private String startedAt;

    @JsonPropertyDescription("When the restore succeeded or failed.")
    private String completedAt;

    @JsonPropertyDescription("Complete, Failed and ForumHeld, with reason and message.")
    private List<Condition> conditions = new ArrayList<>();

    public RestorePhase getPhase() {
        return phase;
    }

    public void setPhase(RestorePhase phase) {
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

    public String getJob() {
        return job;
    }

    public void setJob(String job) {
        this.job = job;
    }

    public String getJobMade() {
        return jobMade;
    }

    public void setJobMade(String jobMade) {
        this.jobMade = jobMade;
    }

    public String getArchive() {
        return archive;
    }

    public void setArchive(String archive) {
        this.archive = archive;
    }

    public String getLocation() {
        return location;
    }

    public void setLocation(String location) {
        this.location = location;
    }

    public Boolean getHoldsForum() {
        return holdsForum;
    }

    public void setHoldsForum(Boolean holdsForum) {
        this.holdsForum = holdsForum;
    }

    public String getDatabaseState() {
        return databaseState;
    }

    public void setDatabaseState(String databaseState) {
        this.databaseState = databaseState;
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
        if (!(o instanceof DiscourseRestoreStatus other)) {
            return false;
        }
        return Objects.equals(phase, other.phase)
                && Objects.equals(observedGeneration, other.observedGeneration)
                && Objects.equals(message, other.message)
                && Objects.equals(job, other.job)
                && Objects.equals(jobMade, other.jobMade)
                && Objects.equals(archive, other.archive)
                && Objects.equals(location, other.location)
                && Objects.equals(holdsForum, other.holdsForum)
                && Objects.equals(databaseState, other.databaseState)
                && Objects.equals(startedAt, other.startedAt)
                && Objects.equals(completedAt, other.completedAt)
                && Objects.equals(conditions, other.conditions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(phase, observedGeneration, message, job, jobMade, archive, location, holdsForum, databaseState, startedAt, completedAt, conditions);
    }
}
