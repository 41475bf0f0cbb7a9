package dev.operator.discourse.api.v1alpha1;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.kubernetes.api.model.Condition;

/** Where the backup is, and on success where its archive lives. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DiscourseBackupStatus {

    @JsonPropertyDescription("Pending, Running, Succeeded or Failed; Succeeded and Failed are final.")
    private BackupPhase phase;

    @JsonPropertyDescription("The spec generation the backup ran (or waits to run) with.")
    private Long observedGeneration;

    @JsonPropertyDescription("Why the backup waits, what it made, or why it failed (with the end of its log).")
    private String message;

    @JsonPropertyDescription("The Job that takes the backup; it stays until the backup is deleted, with its log.")
    private String job;

    @JsonPropertyDescription("When the operator started the backup.")
    private String startedAt;

    @JsonPropertyDescription("When the backup succeeded or failed.")
    private String completedAt;

    @JsonPropertyDescription("The archive's file name in the instance's backup store, as a restore names it.")
    private String archive;

    @JsonPropertyDescription("The archive's size in bytes.")
    private Long sizeBytes;

    @JsonPropertyDescription("Where the archive is: local (the backups folder on the uploads volume) or s3 (the "
            + "instance's s3.backupBucket).")
    private String location;

    @JsonPropertyDescription("The Discourse version that took the backup; a restore needs this version or a newer one.")
    private String discourseVersion;

    @JsonPropertyDescription("Complete and Failed, with reason and message.")
    private List<Condition> conditions = new ArrayList<>();

    public BackupPhase getPhase() {
        return phase;
    }

    public void setPhase(BackupPhase phase) {
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

    public String getArchive() {
        return archive;
    }

    public void setArchive(String archive) {
        this.archive = archive;
    }

    public Long getSizeBytes() {
        return sizeBytes;
    }

    public void setSizeBytes(Long sizeBytes) {
        this.sizeBytes = sizeBytes;
    }

    public String getLocation() {
        return location;
    }

    public void setLocation(String location) {
        this.location = location;
    }

    public String getDiscourseVersion() {
        return discourseVersion;
    }

    public void setDiscourseVersion(String discourseVersion) {
        this.discourseVersion = discourseVersion;
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
        if (!(o instanceof DiscourseBackupStatus other)) {
            return false;
        }
        return phase == other.phase && Objects.equals(observedGeneration, other.observedGeneration)
                && Objects.equals(message, other.message) && Objects.equals(job, other.job)
                && Objects.equals(startedAt, other.startedAt) && Objects.equals(completedAt, other.completedAt)
                && Objects.equals(archive, other.archive) && Objects.equals(sizeBytes, other.sizeBytes)
                && Objects.equals(location, other.location) && Objects.equals(discourseVersion, other.discourseVersion)
                && Objects.equals(conditions, other.conditions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(phase, observedGeneration, message, job, startedAt, completedAt, archive, sizeBytes, location,
                discourseVersion, conditions);
    }
}
