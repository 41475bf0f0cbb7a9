package dev.operator.discourse.instance.migration;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.operator.discourse.metrics.MigrationJobCounter;
import dev.operator.discourse.workload.WorkloadJobs;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;

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

    /** Creates the Job, as {@link WorkloadJobs#create} does; counted and logged only when this call made it. */
    public void start(Job job) {
        if (WorkloadJobs.create(client, job)) {
            started.started(job);
            LOG.infof("Started migration Job %s/%s", job.getMetadata().getNamespace(), job.getMetadata().getName());
        }
    }

    /** Makes the backup an upgrade takes first; one already there (an earlier reconcile made it) is left alone. */
    public void takeBackup(dev.operator.discourse.api.v1alpha1.DiscourseBackup backup) {
        try {
            client.resource(backup).create();
            LOG.infof("Created DiscourseBackup %s/%s before the upgrade", backup.getMetadata().getNamespace(),
                    backup.getMetadata().getName());
        } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
            if (e.getCode() != 409) {
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
