package dev.operator.discourse.restore;

import dev.operator.discourse.api.v1alpha1.RestorePhase;

/** The restore's steps that run as Jobs, each once per restore. */
public enum RestoreStep {
    CHECK("check", RestorePhase.CHECKING),
    RESTORE("restore", RestorePhase.RESTORING),
    MIGRATE("migrate", RestorePhase.MIGRATING);

    private final String label;
    private final RestorePhase phase;

    RestoreStep(String label, RestorePhase phase) {
        this.label = label;
        this.phase = phase;
    }

    public String label() {
        return label;
    }

    public RestorePhase phase() {
        return phase;
    }

    public static java.util.Optional<RestoreStep> of(RestorePhase phase) {
        for (RestoreStep step : values()) {
            if (step.phase == phase) {
                return java.util.Optional.of(step);
            }
        }
        return java.util.Optional.empty();
    }
}
