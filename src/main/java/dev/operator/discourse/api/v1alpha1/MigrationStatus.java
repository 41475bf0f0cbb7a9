package dev.operator.discourse.api.v1alpha1;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The migration Job the instance is waiting on, or the one that failed. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MigrationStatus {

    @JsonPropertyDescription("The Job's name.")
    private String job;

    @JsonPropertyDescription("Running, Succeeded or Failed.")
    private String state;

    @JsonPropertyDescription("For a failed Job: the tail of its log, as its pod reported it.")
    private String logTail;

    public MigrationStatus() {
    }

    public MigrationStatus(String job, String state, String logTail) {
        this.job = job;
        this.state = state;
        this.logTail = logTail;
    }

    public String getJob() {
        return job;
    }

    public void setJob(String job) {
        this.job = job;
    }

    public String getState() {
        return state;
    }

    public void setState(String state) {
        this.state = state;
    }

    public String getLogTail() {
        return logTail;
    }

    public void setLogTail(String logTail) {
        this.logTail = logTail;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MigrationStatus other && Objects.equals(job, other.job) && Objects.equals(state, other.state)
                && Objects.equals(logTail, other.logTail);
    }

    @Override
    public int hashCode() {
        return Objects.hash(job, state, logTail);
    }
}
