package dev.operator.discourse.instance;

import java.util.ArrayList;
import java.util.List;

import dev.operator.discourse.api.v1alpha1.DiscourseInstance;
import dev.operator.discourse.api.v1alpha1.SidekiqQueue;
import dev.operator.discourse.api.v1alpha1.SidekiqSpec;
import dev.operator.discourse.workload.WorkloadNames;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

/**
 * The Sidekiq workload when it runs on its own (spec.sidekiq.mode: Separate): the web pod's container, env and
 * volumes, started as Sidekiq with the spec's threads and queues. The relations apply their fields to it as to
 * web, each under its own field manager.
 */
public final class DesiredSidekiqStatefulSet {

    /** Discourse's own shutdown timeout for Sidekiq (core lib/demon/sidekiq.rb SIDEKIQ_SHUTDOWN_TIMEOUT_SECONDS). */
    public static final int SHUTDOWN_TIMEOUT_SECONDS = 5;
    /** Sidekiq puts unfinished jobs back after its timeout; the grace leaves room for that and the entrypoint. */
    public static final long TERMINATION_GRACE_SECONDS = 30L;
    /** The image's memory guard (image/discourse/sidekiq-alive), the part of Unicorn's supervision Sidekiq loses. */
    public static final String ALIVE_COMMAND = "/usr/local/bin/discourse-sidekiq-alive";

    private DesiredSidekiqStatefulSet() {
    }

    public static StatefulSet build(DiscourseInstance instance, int replicas, String image, boolean ingressTls,
            Integer heldPartition) {
        String name = instance.getMetadata().getName();
        SidekiqSpec sidekiq = instance.getSpec().getSidekiq();
        Container container = DesiredStatefulSet.base(instance, image, ingressTls)
                .withArgs(arguments(sidekiq))
                .withResources(sidekiq.getResources())
                // Exec probes stay inside the pod: neither Redis nor PostgreSQL being down restarts Sidekiq.
                .withLivenessProbe(new ProbeBuilder().withNewExec().withCommand(ALIVE_COMMAND).endExec()
                        .withInitialDelaySeconds(30).withPeriodSeconds(30).withTimeoutSeconds(10)
                        .withFailureThreshold(2).build())
                .build();
        return DesiredStatefulSet.statefulSet(instance, WorkloadNames.sidekiqStatefulSet(name),
                WorkloadNames.sidekiqLabels(name), WorkloadNames.sidekiqSelectorLabels(name), replicas, heldPartition,
                DesiredStatefulSet.pod(instance, WorkloadNames.sidekiqLabels(name), container, TERMINATION_GRACE_SECONDS));
    }

    /**
     * What the image's entrypoint runs: Sidekiq in the app directory, which boots Rails and so loads Discourse's
     * Sidekiq initializer, with the threads, shutdown timeout and weighted queues Discourse's own
     * Demon::Sidekiq passes to Sidekiq::CLI.
     */
    public static List<String> arguments(SidekiqSpec sidekiq) {
        List<String> args = new ArrayList<>(List.of("bin/bundle", "exec", "sidekiq",
                "-c", Integer.toString(sidekiq.getConcurrency()), "-t", Integer.toString(SHUTDOWN_TIMEOUT_SECONDS)));
        for (SidekiqQueue queue : sidekiq.effectiveQueues()) {
            args.add("-q");
            args.add(queue.argument());
        }
        return args;
    }
}
