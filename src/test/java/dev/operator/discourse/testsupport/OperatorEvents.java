package dev.operator.discourse.testsupport;

import java.util.List;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;

/** The events the operator wrote in a namespace; the cluster's controllers report on volumes and pods there too. */
public final class OperatorEvents {

    /** The operator's event source (quarkus-operator-sdk's default: the application name). */
    public static final String SOURCE = "discourse-operator";

    private OperatorEvents() {
    }

    public static List<Event> in(KubernetesClient client, String namespace) {
        return client.v1().events().inNamespace(namespace).list().getItems().stream()
                .filter(e -> e.getSource() != null && SOURCE.equals(e.getSource().getComponent())).toList();
    }
}
