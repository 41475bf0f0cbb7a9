package dev.operator.discourse.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;

public class DisruptionBudgetSpec {

    @Default("true")
    @JsonPropertyDescription("A PodDisruptionBudget for web, and for a separate Sidekiq, whenever that workload has more than one replica.")
    private boolean enabled = true;

    @Default("1")
    @Min(1)
    @JsonPropertyDescription("Pods of each workload a voluntary disruption (a node drain) may take at once.")
    private int maxUnavailable = 1;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public int getMaxUnavailable() {
        return maxUnavailable;
    }

    public void setMaxUnavailable(int maxUnavailable) {
        this.maxUnavailable = maxUnavailable;
    }
}
