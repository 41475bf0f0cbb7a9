package dev.operator.discourse.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;

/** When to back a forum up, and how many of the backups to keep. */
public class DiscourseBackupScheduleSpec {

    @Required
    @JsonPropertyDescription("The DiscourseInstance to back up.")
    private InstanceRef instanceRef;

    @Required
    @JsonPropertyDescription("When to back up, in 5-field cron syntax as a Kubernetes CronJob reads it (minute hour "
            + "day-of-month month day-of-week, or a macro such as @daily).")
    private String schedule;

    @Default("UTC")
    @JsonPropertyDescription("The IANA time zone the schedule is read in, such as Europe/Berlin.")
    private String timeZone = "UTC";

    @Default("false")
    @JsonPropertyDescription("Make no new backups while true; pruning goes on. On resume the latest time missed "
            + "runs once (within startingDeadlineSeconds), as with a CronJob.")
    private boolean suspend;

    @Min(0)
    @JsonPropertyDescription("How many seconds late a scheduled backup may still start (the operator down, or an "
            + "earlier backup of the schedule still running); later, it is missed. Unset: no limit.")
    private Long startingDeadlineSeconds;

    @Min(1)
    @Default("5")
    @JsonPropertyDescription("How many succeeded backups of this schedule to keep, newest by scheduled time; older "
            + "ones have their archive deleted from the backup store, then their DiscourseBackup. Discourse itself "
            + "keeps at most its maximum_backups site setting (default 5) archives after each backup.")
    private int keep = 5;

    @Min(0)
    @Default("1")
    @JsonPropertyDescription("How many failed DiscourseBackups of this schedule to keep (they have no archive).")
    private int keepFailed = 1;

    @Default("true")
    @JsonPropertyDescription("Copied into each DiscourseBackup: put the uploads on the instance's volume into the "
            + "archive.")
    private boolean withUploads = true;

    public String instanceName() {
        return instanceRef == null ? null : instanceRef.getName();
    }

    public InstanceRef getInstanceRef() {
        return instanceRef;
    }

    public void setInstanceRef(InstanceRef instanceRef) {
        this.instanceRef = instanceRef;
    }

    public String getSchedule() {
        return schedule;
    }

    public void setSchedule(String schedule) {
        this.schedule = schedule;
    }

    public String getTimeZone() {
        return timeZone;
    }

    public void setTimeZone(String timeZone) {
        this.timeZone = timeZone;
    }

    public boolean isSuspend() {
        return suspend;
    }

    public void setSuspend(boolean suspend) {
        this.suspend = suspend;
    }

    public Long getStartingDeadlineSeconds() {
        return startingDeadlineSeconds;
    }

    public void setStartingDeadlineSeconds(Long startingDeadlineSeconds) {
        this.startingDeadlineSeconds = startingDeadlineSeconds;
    }

    public int getKeep() {
        return keep;
    }

    public void setKeep(int keep) {
        this.keep = keep;
    }

    public int getKeepFailed() {
        return keepFailed;
    }

    public void setKeepFailed(int keepFailed) {
        this.keepFailed = keepFailed;
    }

    public boolean isWithUploads() {
        return withUploads;
    }

    public void setWithUploads(boolean withUploads) {
        this.withUploads = withUploads;
    }
}
