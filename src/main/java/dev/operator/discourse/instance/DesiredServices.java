package dev.operator.discourse.instance;

import dev.operator.discourse.api.v1alpha1.DiscourseInstance;
import dev.operator.discourse.workload.WorkloadNames;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;

/** The ClusterIP Service that ingresses point at, and the headless one that names the StatefulSet's pods. */
public final class DesiredServices {

    private DesiredServices() {
    }

    public static Service clusterIp(DiscourseInstance instance) {
        String name = instance.getMetadata().getName();
        return base(instance, WorkloadNames.service(name)).editSpec().withType("ClusterIP").endSpec().build();
    }

    public static Service headless(DiscourseInstance instance) {
        String name = instance.getMetadata().getName();
        return base(instance, WorkloadNames.headlessService(name)).editSpec()
                .withClusterIP("None")
                // Pods must resolve each other before they are ready, during the first migrations for instance.
                .withPublishNotReadyAddresses(true)
                .endSpec().build();
    }

    private static ServiceBuilder base(DiscourseInstance instance, String serviceName) {
        String name = instance.getMetadata().getName();
        return new ServiceBuilder()
                .withNewMetadata()
                .withName(serviceName)
                .withNamespace(instance.getMetadata().getNamespace())
                .withLabels(WorkloadNames.labels(name))
                .endMetadata()
                .withNewSpec()
                .withSelector(WorkloadNames.selectorLabels(name))
                .addNewPort().withName(WorkloadNames.HTTP_PORT_NAME).withPort(WorkloadNames.HTTP_PORT)
                .withNewTargetPort(WorkloadNames.HTTP_PORT_NAME).withProtocol("TCP").endPort()
                .endSpec();
    }
}
