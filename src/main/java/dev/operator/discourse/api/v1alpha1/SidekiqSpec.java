package dev.operator.discourse.api.v1alpha1;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

@ValidationRule(value = "!has(self.queues) || self.queues.all(q, self.queues.exists_one(o, o.name == q.name))",
        message = "each Sidekiq queue may be listed once")
public class SidekiqSpec {

    @Default("Embedded")
    @JsonPropertyDescription("Embedded (the default): each web pod's Unicorn master runs Sidekiq (UNICORN_SIDEKIQS=1). "
            + "Separate: Sidekiq runs as a StatefulSet of its own, <instance>-sidekiq, and web sets UNICORN_SIDEKIQS=0. "
            + "Separate needs s3.enabled or uploads.accessMode: ReadWriteMany, since both workloads read the uploads.")
    private SidekiqMode mode = SidekiqMode.EMBEDDED;

    @Default("1")
    @Min(0)
    @Max(100)
    @JsonPropertyDescription("Sidekiq pods when mode is Separate.")
    private int replicas = 1;

    @JsonPropertyDescription("CPU and memory of the Sidekiq container when mode is Separate. A memory limit above "
            + "sidekiqMaxMemory is the hard stop behind the memory guard.")
    private ResourceRequirements resources;

    @Default("5")
    @Min(1)
    @Max(100)
    @JsonPropertyDescription("Sidekiq threads per pod when mode is Separate (Sidekiq's -c; Discourse's sidekiq_workers, default 5). "
            + "The database pool of each pod is sized to match.")
    private int concurrency = 5;

    @JsonPropertyDescription("Queues with their weights when mode is Separate; Discourse's own four (critical 8, default 4, "
            + "low 2, ultra_low 1) when empty.")
    @Size(max = 16)
    private List<SidekiqQueue> queues = new ArrayList<>();

    @JsonIgnore
    public boolean separate() {
        return mode == SidekiqMode.SEPARATE;
    }

    /** The queues to work: the spec's, or Discourse's own when it names none. */
    @JsonIgnore
    public List<SidekiqQueue> effectiveQueues() {
        return queues == null || queues.isEmpty() ? SidekiqQueue.DISCOURSE_DEFAULTS : queues;
    }

    public SidekiqMode getMode() {
        return mode;
    }

    public void setMode(SidekiqMode mode) {
        this.mode = mode;
    }

    public int getReplicas() {
        return replicas;
    }

    public void setReplicas(int replicas) {
        this.replicas = replicas;
    }

    public ResourceRequirements getResources() {
        return resources;
    }

    public void setResources(ResourceRequirements resources) {
        this.resources = resources;
    }

    public int getConcurrency() {
        return concurrency;
    }

    public void setConcurrency(int concurrency) {
        this.concurrency = concurrency;
    }

    public List<SidekiqQueue> getQueues() {
        return queues;
    }

    public void setQueues(List<SidekiqQueue> queues) {
        this.queues = queues;
    }
}
