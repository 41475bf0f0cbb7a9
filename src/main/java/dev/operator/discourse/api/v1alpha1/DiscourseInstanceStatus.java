package dev.operator.discourse.api.v1alpha1;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.model.annotation.LabelSelector;
import io.fabric8.kubernetes.model.annotation.StatusReplicas;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class DiscourseInstanceStatus {

    @JsonPropertyDescription("The spec generation this status describes.")
    private Long observedGeneration;

    @JsonPropertyDescription("Ready, ConfigValid, DatabaseReady, RedisReady and Progressing, each with the generation it was computed for.")
    private List<Condition> conditions = new ArrayList<>();

    @StatusReplicas
    @JsonPropertyDescription("Web pods the StatefulSet is asked to run; 0 while waiting for the database or Redis.")
    private Integer replicas;

    @LabelSelector
    @JsonPropertyDescription("The label selector of the web pods, for the scale subresource (kubectl scale, a HorizontalPodAutoscaler).")
    private String selector;

    @JsonPropertyDescription("Sidekiq pods its StatefulSet is asked to run, when sidekiq.mode is Separate.")
    private Integer sidekiqReplicas;

    @JsonPropertyDescription("Sidekiq pods that are ready, when sidekiq.mode is Separate.")
    private Integer sidekiqReadyReplicas;

    @JsonPropertyDescription("Pods that pass their readiness probe.")
    private Integer readyReplicas;

    @JsonPropertyDescription("The forum's URL.")
    private String url;

    @JsonPropertyDescription("Pending, Migrating, RollingOut, PostMigrating or Ready.")
    private InstancePhase phase;

    @JsonPropertyDescription("The image the StatefulSet runs.")
    private String currentImage;

    @JsonPropertyDescription("The image of the spec, which the migrations and the rollout lead to.")
    private String targetImage;

    @JsonPropertyDescription("Discourse's version in the target image, once a migration Job has reported it.")
    private String discourseVersion;

    @JsonPropertyDescription("The migration Job in progress, or the one that failed.")
    private MigrationStatus migration;

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions;
    }

    public Integer getReplicas() {
        return replicas;
    }

    public void setReplicas(Integer replicas) {
        this.replicas = replicas;
    }

    public Integer getReadyReplicas() {
        return readyReplicas;
    }

    public void setReadyReplicas(Integer readyReplicas) {
        this.readyReplicas = readyReplicas;
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public InstancePhase getPhase() {
        return phase;
    }

    public void setPhase(InstancePhase phase) {
        this.phase = phase;
    }

    public String getCurrentImage() {
        return currentImage;
    }

    public void setCurrentImage(String currentImage) {
        this.currentImage = currentImage;
    }

    public String getSelector() {
        return selector;
    }

    public void setSelector(String selector) {
        this.selector = selector;
    }

    public Integer getSidekiqReplicas() {
        return sidekiqReplicas;
    }

    public void setSidekiqReplicas(Integer sidekiqReplicas) {
        this.sidekiqReplicas = sidekiqReplicas;
    }

    public Integer getSidekiqReadyReplicas() {
        return sidekiqReadyReplicas;
    }

    public void setSidekiqReadyReplicas(Integer sidekiqReadyReplicas) {
        this.sidekiqReadyReplicas = sidekiqReadyReplicas;
    }

    public String getTargetImage() {
        return targetImage;
    }

    public void setTargetImage(String targetImage) {
        this.targetImage = targetImage;
    }

    public String getDiscourseVersion() {
        return discourseVersion;
    }

    public void setDiscourseVersion(String discourseVersion) {
        this.discourseVersion = discourseVersion;
    }

    public MigrationStatus getMigration() {
        return migration;
    }

    public void setMigration(MigrationStatus migration) {
        this.migration = migration;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof DiscourseInstanceStatus other)) {
            return false;
        }
        return Objects.equals(observedGeneration, other.observedGeneration)
                && Objects.equals(conditions, other.conditions)
                && Objects.equals(replicas, other.replicas)
                && Objects.equals(readyReplicas, other.readyReplicas)
                && Objects.equals(selector, other.selector)
                && Objects.equals(sidekiqReplicas, other.sidekiqReplicas)
                && Objects.equals(sidekiqReadyReplicas, other.sidekiqReadyReplicas)
                && Objects.equals(url, other.url)
                && phase == other.phase
                && Objects.equals(currentImage, other.currentImage)
                && Objects.equals(targetImage, other.targetImage)
                && Objects.equals(discourseVersion, other.discourseVersion)
                && Objects.equals(migration, other.migration);
    }

    @Override
    public int hashCode() {
        return Objects.hash(observedGeneration, conditions, replicas, readyReplicas, selector, sidekiqReplicas,
                sidekiqReadyReplicas, url, phase, currentImage, targetImage,
                discourseVersion, migration);
    }
}
