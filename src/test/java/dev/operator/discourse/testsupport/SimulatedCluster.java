package dev.operator.discourse.testsupport;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

/**
 * What a cluster has beyond its control plane: nodes (simulated by kwok, three zones) and a default StorageClass
 * whose claims a static provisioner binds, as an external provisioner would. Lives in the JVM's system class
 * loader ({@link KubeApiServer} starts it there), so its informer outlives the Quarkus test that first asked.
 */
public final class SimulatedCluster {

    public static final String STORAGE_CLASS = "standard";
    public static final String PROVISIONER = "discourse.test/simulated";
    /** How its requests are told apart in an audit log: it stands for the cluster's provisioner. */
    public static final String USER_AGENT = "discourse-test-cluster/1";
    public static final List<String> NODES = List.of("kwok-node-a", "kwok-node-b", "kwok-node-c");
    private static final Duration RETRY = Duration.ofSeconds(5);

    private static SharedIndexInformer<PersistentVolumeClaim> provisioner;

    private SimulatedCluster() {
    }

    /** Called once per control plane, reflectively through the system class loader. */
    public static synchronized void prepare(String kubeconfigYaml) {
        Config config = Config.fromKubeconfig(kubeconfigYaml);
        // its requests must not pass for the operator's in the benchmark's audit log
        config.setUserAgent(USER_AGENT);
        KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
        for (String node : NODES) {
            String zone = "zone-" + node.substring(node.length() - 1);
            client.nodes().resource(new NodeBuilder().withNewMetadata().withName(node)
                    .addToAnnotations(ControlPlane.KWOK_NODE_ANNOTATION, "fake")
                    .addToLabels(Map.of("kubernetes.io/hostname", node, "kubernetes.io/os", "linux",
                            "kubernetes.io/arch", "amd64", "topology.kubernetes.io/zone", zone, "type", "kwok"))
                    .endMetadata()
                    .withNewStatus()
                    .addToCapacity(Map.of("cpu", new Quantity("256"), "memory", new Quantity("1Ti"),
                            "pods", new Quantity("5000"), "ephemeral-storage", new Quantity("1Ti")))
                    .endStatus().build()).create();
        }
        client.storage().v1().storageClasses().resource(new StorageClassBuilder().withNewMetadata()
                .withName(STORAGE_CLASS)
                .addToAnnotations("storageclass.kubernetes.io/is-default-class", "true").endMetadata()
                .withProvisioner(PROVISIONER).withReclaimPolicy("Delete").withVolumeBindingMode("Immediate")
                .withAllowVolumeExpansion(true).build()).create();
        // the resync tries again what failed, an API server restarting say, as a real provisioner would
        provisioner = client.persistentVolumeClaims().inAnyNamespace().inform(
                InformerHandlers.<PersistentVolumeClaim>onAddOrUpdate(claim -> provision(client, claim)),
                RETRY.toMillis());
        client.persistentVolumes().inform(InformerHandlers.<PersistentVolume>onAddOrUpdate(pv -> reclaim(client, pv)),
                RETRY.toMillis());
        for (String node : NODES) {
            client.nodes().withName(node).waitUntilCondition(n -> n != null && n.getStatus().getConditions() != null
                    && n.getStatus().getConditions().stream()
                            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())),
                    60, TimeUnit.SECONDS);
        }
        // Pods need their namespace's default ServiceAccount: it is there once the controllers run.
        client.serviceAccounts().inNamespace("default").withName("default")
                .waitUntilCondition(sa -> sa != null, 60, TimeUnit.SECONDS);
    }

    /**
     * A pending claim of a class this provisioner serves (the default one, or a test's own with
     * {@link #PROVISIONER}) gets a volume of its size, bound to it through its claimRef.
     */
    private static void provision(KubernetesClient client, PersistentVolumeClaim claim) {
        String className = claim.getSpec().getStorageClassName();
        if (claim.getSpec().getVolumeName() != null || claim.getMetadata().getDeletionTimestamp() != null
                || className == null || !ours(client, className)) {
            return;
        }
        String name = "pv-" + claim.getMetadata().getUid();
        try {
            client.persistentVolumes().resource(new PersistentVolumeBuilder().withNewMetadata().withName(name)
                    .addToAnnotations("pv.kubernetes.io/provisioned-by", PROVISIONER).endMetadata()
                    .withNewSpec()
                    .withCapacity(Map.of("storage", claim.getSpec().getResources().getRequests().get("storage")))
                    .withAccessModes(claim.getSpec().getAccessModes())
                    .withStorageClassName(className)
                    .withPersistentVolumeReclaimPolicy("Delete")
                    .withNewHostPath().withPath("/var/lib/simulated-volumes/" + name).endHostPath()
                    .withNewClaimRef().withNamespace(claim.getMetadata().getNamespace())
                    .withName(claim.getMetadata().getName()).withUid(claim.getMetadata().getUid()).endClaimRef()
                    .endSpec().build()).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                System.err.println("simulated provisioner: " + name + ": " + e.getMessage());
            }
        }
    }

    private static boolean ours(KubernetesClient client, String storageClass) {
        if (STORAGE_CLASS.equals(storageClass)) {
            return true;
        }
        var sc = client.storage().v1().storageClasses().withName(storageClass).get();
        return sc != null && PROVISIONER.equals(sc.getProvisioner());
    }

    /** A released volume of ours is deleted, as its reclaim policy says. */
    private static void reclaim(KubernetesClient client, PersistentVolume pv) {
        if ("Released".equals(pv.getStatus() == null ? null : pv.getStatus().getPhase())
                && PROVISIONER.equals(pv.getMetadata().getAnnotations().get("pv.kubernetes.io/provisioned-by"))) {
            try {
                client.persistentVolumes().resource(pv).delete();
            } catch (KubernetesClientException e) {
                System.err.println("simulated provisioner: reclaiming " + pv.getMetadata().getName() + ": "
                        + e.getMessage());
            }
        }
    }
}
