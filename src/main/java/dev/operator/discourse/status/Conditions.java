package dev.operator.discourse.status;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;

/**
 * Builds a status's conditions from the previous ones. A condition whose status did not change keeps its
 * lastTransitionTime, so a converged resource produces an identical status and no write.
 */
public final class Conditions {

    public static final String TRUE = "True";
    public static final String FALSE = "False";

    private final List<Condition> previous;
    private final long generation;
    private final Clock clock;
    private final List<Condition> next = new ArrayList<>();

    public Conditions(List<Condition> previous, Long generation, Clock clock) {
        this.previous = previous == null ? List.of() : previous;
        this.generation = generation == null ? 0L : generation;
        this.clock = clock;
    }

    public Conditions set(String type, boolean status, String reason, String message) {
        String value = status ? TRUE : FALSE;
        String transition = find(previous, type)
                .filter(c -> value.equals(c.getStatus()) && c.getLastTransitionTime() != null)
                .map(Condition::getLastTransitionTime)
                .orElseGet(() -> Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString());
        next.removeIf(c -> type.equals(c.getType()));
        next.add(new ConditionBuilder()
                .withType(type)
                .withStatus(value)
                .withReason(reason)
                // An empty message is left out: the same status then reads back identically everywhere.
                .withMessage(message == null || message.isEmpty() ? null : message)
                .withObservedGeneration(generation)
                .withLastTransitionTime(transition)
                .build());
        return this;
    }

    public List<Condition> build() {
        return List.copyOf(next);
    }

    public static Optional<Condition> find(List<Condition> conditions, String type) {
        return conditions == null ? Optional.empty()
                : conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    /**
     * Whether the previous conditions already said this: same type, status and message. Callers record an
     * event or a log line only when it was not said yet, so a resync of an unchanged failure stays quiet.
     */
    public static boolean alreadySaid(List<Condition> previous, String type, boolean status, String message) {
        String value = status ? TRUE : FALSE;
        String said = message == null ? "" : message;
        return find(previous, type)
                .filter(c -> value.equals(c.getStatus()))
                .filter(c -> said.equals(c.getMessage() == null ? "" : c.getMessage()))
                .isPresent();
    }

    public static boolean isTrue(List<Condition> conditions, String type) {
        return find(conditions, type).map(c -> TRUE.equals(c.getStatus())).orElse(false);
    }
}
