package dev.operator.discourse.instance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.operator.discourse.api.v1alpha1.DiscourseInstance;
import dev.operator.discourse.api.v1alpha1.RetentionPolicy;
import dev.operator.discourse.api.v1alpha1.SidekiqMode;
import dev.operator.discourse.api.v1alpha1.SidekiqQueue;
import dev.operator.discourse.api.v1alpha1.UploadsStorageSpec;
import dev.operator.discourse.testsupport.GoldenFiles;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;

/** Everything the instance reconciler derives, for a few representative instances, as reviewed YAML. */
class DerivedObjectsGoldenTest {

    static DiscourseInstance instance(String kind) {
        return switch (kind) {
            case "minimal" -> TestInstances.minimal("forum");
            case "full" -> TestInstances.full("forum");
            case "shared-volume" -> {
                DiscourseInstance i = TestInstances.minimal("community");
                i.getSpec().setReplicas(2);
                i.getSpec().getUploads().setAccessMode(UploadsStorageSpec.AccessMode.READ_WRITE_MANY);
                i.getSpec().getUploads().setStorageClassName("nfs");
                i.getSpec().getUploads().setSize("200Gi");
                i.getSpec().getUploads().setRetentionPolicy(RetentionPolicy.DELETE);
                i.getSpec().setSecretKeyBaseRetentionPolicy(RetentionPolicy.DELETE);
                i.getSpec().setResources(new ResourceRequirementsBuilder()
                        .withRequests(new TreeMap<>(Map.of("cpu", new Quantity("500m"), "memory", new Quantity("2Gi"))))
                        .withLimits(Map.of("memory", new Quantity("4Gi"))).build());
                i.getSpec().setNodeSelector(Map.of("kubernetes.io/arch", "amd64"));
                yield i;
            }
            case "separate-sidekiq" -> {
                DiscourseInstance i = TestInstances.minimal("community");
                i.getSpec().setReplicas(2);
                i.getSpec().getUploads().setAccessMode(UploadsStorageSpec.AccessMode.READ_WRITE_MANY);
                i.getSpec().getSidekiq().setMode(SidekiqMode.SEPARATE);
                i.getSpec().getSidekiq().setReplicas(3);
                i.getSpec().getSidekiq().setConcurrency(10);
                i.getSpec().getSidekiq().setQueues(List.of(SidekiqQueue.of("critical", 8), SidekiqQueue.of("default", 2)));
                i.getSpec().getSidekiq().setResources(new ResourceRequirementsBuilder()
                        .withLimits(Map.of("memory", new Quantity("1500Mi"))).build());
                i.getSpec().setPriorityClassName("forum");
                i.getSpec().setPodLabels(Map.of("team", "community"));
                i.getSpec().setPodAnnotations(Map.of("example.com/owner", "community-team"));
                i.getSpec().setTopologySpreadConstraints(List.of(new TopologySpreadConstraintBuilder().withMaxSkew(1)
                        .withTopologyKey("topology.kubernetes.io/zone").withWhenUnsatisfiable("ScheduleAnyway")
                        .withNewLabelSelector().addToMatchLabels("app.kubernetes.io/instance", "community").endLabelSelector()
                        .build()));
                i.getSpec().getNetworkPolicy().setEnabled(true);
                i.getSpec().getNetworkPolicy().setFrom(List.of(new NetworkPolicyPeerBuilder().withNewNamespaceSelector()
                        .addToMatchLabels("kubernetes.io/metadata.name", "ingress-nginx").endNamespaceSelector().build()));
                yield i;
            }
            default -> throw new IllegalArgumentException(kind);
        };
    }

    @ParameterizedTest
    @ValueSource(strings = { "minimal", "full", "shared-volume", "separate-sidekiq" })
    void derivedObjects(String kind) {
        DiscourseInstance instance = instance(kind);
        instance.setApiVersion("discourse.operator.dev/v1alpha1");
        instance.setKind("DiscourseInstance");
        List<HasMetadata> objects = new ArrayList<>();
        objects.add(DesiredStatefulSet.build(instance, instance.getSpec().getReplicas()));
        if (instance.getSpec().getSidekiq().separate()) {
            objects.add(DesiredSidekiqStatefulSet.build(instance, instance.getSpec().getSidekiq().getReplicas(),
                    instance.getSpec().getImage(), false, null));
        }
        if (DesiredPodPolicies.webBudgetWanted(instance.getSpec())) {
            objects.add(DesiredPodPolicies.webBudget(instance));
        }
        if (DesiredPodPolicies.sidekiqBudgetWanted(instance.getSpec())) {
            objects.add(DesiredPodPolicies.sidekiqBudget(instance));
        }
        if (instance.getSpec().getNetworkPolicy().isEnabled()) {
            objects.add(DesiredPodPolicies.networkPolicy(instance));
        }
        objects.add(DesiredServices.clusterIp(instance));
        objects.add(DesiredServices.headless(instance));
        Secret secret = DesiredRetainedObjects.secretKeyBase(instance);
        // The key is random by design; its presence and shape are what is under test.
        secret.setStringData(Map.of(InstanceEnv.SECRET_KEY_BASE_KEY,
                secret.getStringData().get(InstanceEnv.SECRET_KEY_BASE_KEY).replaceAll("[0-9a-f]", "x")));
        objects.add(secret);
        if (!instance.getSpec().getS3().isEnabled()) {
            objects.add(DesiredRetainedObjects.uploadsClaim(instance));
        }
        StringBuilder yaml = new StringBuilder();
        for (HasMetadata o : objects) {
            yaml.append(Serialization.asYaml(o));
        }
        GoldenFiles.assertMatches("instance-" + kind + ".yaml", yaml.toString());
    }
}
