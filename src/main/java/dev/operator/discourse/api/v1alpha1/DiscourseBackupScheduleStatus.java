package dev.operator.discourse.api.v1alpha1;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.kubernetes.api.model.Condition;

/** When the schedule last made a backup and will make the next, and whether it works. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DiscourseBackupScheduleStatus {

    @JsonPropertyDescription("The spec generation the status describes.")
    private Long observedGeneration;

    @JsonPropertyDescription("The scheduled time of the last backup made, as a CronJob's lastScheduleTime: the "
            + "schedule decides from it alone, so an operator restarted at any point neither repeats nor loses a run.")
    private String lastScheduleTime;

    @JsonPropertyDescription("The next scheduled time; unset while suspended or invalid.")
    private String nextScheduleTime;

    @JsonPropertyDescription("The DiscourseBackup made for lastScheduleTime.")
    private String lastBackup;

    @JsonPropertyDescription("What the schedule does now, or why it cannot.")
    private String message;

    @JsonPropertyDescription("Ready, with reason Scheduled, Suspended, InvalidSchedule, InstanceNotFound, "
            + "BackupNameTaken or PruneFailed.")
    private List<Condition> conditions = new ArrayList<>();

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    public String getLastScheduleTime() {
        return lastScheduleTime;
    }

    public void setLastScheduleTime(String lastScheduleTime) {
        this.lastScheduleTime = lastScheduleTime;
    }

    public String getNextScheduleTime() {
        return nextScheduleTime;
    }

    public void setNextScheduleTime(String nextScheduleTime) {
        this.nextScheduleTime = nextScheduleTime;
    }

    public String getLastBackup() {
        return lastBackup;
    }

    public void setLastBackup(String lastBackup) {
        this.lastBackup = lastBackup;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
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
        if (!(o instanceof DiscourseBackupScheduleStatus other)) {
            return false;
        }
        return Objects.equals(observedGeneration, other.observedGeneration)
                && Objects.equals(lastScheduleTime, other.lastScheduleTime)
                && Objects.equals(nextScheduleTime, other.nextScheduleTime)
                && Objects.equals(lastBackup, other.lastBackup) && Objects.equals(message, other.message)
                && Objects.equals(conditions, other.conditions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(observedGeneration, lastScheduleTime, nextScheduleTime, lastBackup, message, conditions);
    }
}
