package dev.operator.discourse.api.v1alpha1;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** One queue a separate Sidekiq works, with its weight (Sidekiq's {@code -q name,weight}). */
public class SidekiqQueue {

    /** Discourse's own queues and weights, as its Unicorn-forked Sidekiq works them (core lib/demon/sidekiq.rb). */
    public static final List<SidekiqQueue> DISCOURSE_DEFAULTS = List.of(of("critical", 8), of("default", 4),
            of("low", 2), of("ultra_low", 1));

    @Required
    @Pattern("^[a-z0-9_]+$")
    @Size(min = 1, max = 63)
    @JsonPropertyDescription("Queue name: critical, default, low or ultra_low in Discourse; plugins may add their own.")
    private String name;

    @Default("1")
    @Min(1)
    @Max(100)
    @JsonPropertyDescription("Relative weight: a queue of weight 8 is checked eight times as often as one of weight 1.")
    private int weight = 1;

    public static SidekiqQueue of(String name, int weight) {
        SidekiqQueue q = new SidekiqQueue();
        q.setName(name);
        q.setWeight(weight);
        return q;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public int getWeight() {
        return weight;
    }

    public void setWeight(int weight) {
        this.weight = weight;
    }

    /** Sidekiq's CLI form. */
    public String argument() {
        return name + "," + weight;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SidekiqQueue q && java.util.Objects.equals(name, q.name) && weight == q.weight;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(name, weight);
    }
}
