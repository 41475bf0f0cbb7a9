package dev.operator.discourse.instance.migration;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.operator.discourse.metrics.MigrationJobCounter;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/** Starts and removes migration Jobs; the decisions are the planner's. */
@ApplicationScoped
public class MigrationJobRunner {

    private static final Logger LOG = Logger.getLogger(MigrationJobRunner.class);

    private final KubernetesClient client;
    private final MigrationJobCounter started;

    public MigrationJobRunner(KubernetesClient client, MigrationJobCounter started) {
        this.client = client;
        this.started = started;
    }

    /**
     * Creates the Job; one that already exists (a reconcile that ran before the cache saw it) is left alone. A
     * 409 is taken at its word only once the Job is seen: a conflict answered by something between the operator
     * and the API server, with no Job made, would otherwise leave the instance waiting for a Job that will
     * never send an event. Then the error stands and the reconcile is retried.
     */
    public void start(Job job) {
        var jobs = client.batch().v1().jobs().inNamespace(job.getMetadata().getNamespace());
        try {
            jobs.resource(job).create();
            started.started(job);
            LOG.infof("Started migration Job %s/%s", job.getMetadata().getNamespace(), job.getMetadata().getName());
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409 || jobs.withName(job.getMetadata().getName()).get() == null) {
                throw e;
            }
        }
    }

    /** Removes a finished Job and its pods; Jobs are the operator's records, never user data. */
    public void delete(String namespace, String name) {
        client.batch().v1().jobs().inNamespace(namespace).withName(name)
                .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
        LOG.infof("Removed migration Job %s/%s", namespace, name);
    }
}
