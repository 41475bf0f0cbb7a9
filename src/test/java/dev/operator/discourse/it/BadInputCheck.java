package dev.operator.discourse.it;

import io.fabric8.kubernetes.client.KubernetesClient;

/** Something besides the condition that a case asserts once settled, e.g. that odd text reached the pod verbatim. */
interface BadInputCheck {

    /** Throws an AssertionError when the cluster does not show what the case expects. */
    void verify(KubernetesClient client, String namespace);
}
