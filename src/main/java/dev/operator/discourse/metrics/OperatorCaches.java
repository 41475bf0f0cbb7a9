package dev.operator.discourse.metrics;

import java.util.Optional;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import dev.operator.discourse.api.v1alpha1.DiscourseInstance;
import dev.operator.discourse.instance.DiscourseInstanceReconciler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.processing.Controller;
import io.javaoperatorsdk.operator.processing.event.source.Cache;

/**
 * What the instance controller's informers hold, read through the operator's registered controllers: counting
 * from there costs no request to the API server, and needs nothing from the reconciler.
 */
@ApplicationScoped
public class OperatorCaches {

    /**
     * The name DiscourseInstanceReconciler gives the event source of its migration Jobs ("migration-" and the
     * kind); OperatorEndpointsIT fails when the two part.
     */
    static final String MIGRATION_JOB_SOURCE = "migration-job";

    private final Operator operator;

    public OperatorCaches(Operator operator) {
        this.operator = operator;
    }

    /** Every DiscourseInstance the controller watches; empty until the operator has started its controllers. */
    public Optional<Stream<DiscourseInstance>> instances() {
        return instanceController().map(c -> c.getEventSourceManager().getControllerEventSource().list());
    }

    /** Every migration Job of every instance; empty until the operator has started its controllers. */
    public Optional<Stream<Job>> migrationJobs() {
        return instanceController().map(c -> c.getEventSourceManager().getEventSourceFor(Job.class, MIGRATION_JOB_SOURCE))
                .filter(Cache.class::isInstance).map(source -> jobs((Cache<?>) source));
    }

    @SuppressWarnings("unchecked")
    private static Stream<Job> jobs(Cache<?> cache) {
        return ((Cache<Job>) cache).list();
    }

    @SuppressWarnings("unchecked")
    private Optional<Controller<DiscourseInstance>> instanceController() {
        if (!operator.getRuntimeInfo().isStarted()) {
            return Optional.empty();
        }
        return operator.getRegisteredController(DiscourseInstanceReconciler.NAME)
                .filter(Controller.class::isInstance).map(c -> (Controller<DiscourseInstance>) c);
    }
}
