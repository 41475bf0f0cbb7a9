package dev.operator.discourse.metrics;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

import dev.operator.discourse.instance.migration.MigrationJobs;
import dev.operator.discourse.instance.migration.MigrationStep;
import dev.operator.discourse.workload.JobOutcome;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * One gauge per migration step and {@link JobOutcome}, counted when scraped from the migration Jobs the instance
 * controller caches, with the outcome the planner itself reads from a Job ({@link JobOutcome#of}). Finished Jobs
 * are removed once their instance moves on, so {@code failed} is the Jobs that hold an upgrade back now.
 */
public final class MigrationJobGauges {

    private MigrationJobGauges() {
    }

    /** {@code jobs} is empty while no cache can be read; the gauges then say NaN rather than a false 0. */
    public static void register(MeterRegistry registry, Supplier<Optional<Stream<Job>>> jobs) {
        for (MigrationStep step : MigrationStep.values()) {
            for (JobOutcome outcome : JobOutcome.values()) {
                Gauge.builder(MeterNames.MIGRATION_JOBS, () -> count(jobs.get(), step, outcome))
                        .description("Migration Jobs in the operator's cache, by step and outcome")
                        .tags(MeterNames.TAG_STEP, step.label(), MeterNames.TAG_OUTCOME, tagValue(outcome))
                        .register(registry);
            }
        }
    }

    static double count(Optional<Stream<Job>> jobs, MigrationStep step, JobOutcome outcome) {
        return jobs.map(all -> (double) all.filter(job -> step.label().equals(stepOf(job)))
                .filter(job -> JobOutcome.of(job) == outcome).count()).orElse(Double.NaN);
    }

    static String tagValue(JobOutcome outcome) {
        return outcome.name().toLowerCase(Locale.ROOT);
    }

    static String stepOf(Job job) {
        Map<String, String> labels = job.getMetadata().getLabels();
        return labels == null ? null : labels.get(MigrationJobs.LABEL_STEP);
    }
}
