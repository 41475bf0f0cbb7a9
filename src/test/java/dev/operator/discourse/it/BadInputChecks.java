package dev.operator.discourse.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Objects;

import dev.operator.discourse.workload.WorkloadContainer;
import dev.operator.discourse.workload.WorkloadNames;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;

/** The checks beyond the condition: text the operator accepted reached the object it belongs in, unchanged. */
final class BadInputChecks {

    private BadInputChecks() {
    }

    /** The instance's workload carries env {@code name} with exactly {@code value}. */
    static BadInputCheck env(String instance, String name, String value) {
        return (client, ns) -> {
            StatefulSet sts = client.apps().statefulSets().inNamespace(ns).withName(WorkloadNames.statefulSet(instance))
                    .get();
            assertThat(sts).as("StatefulSet of %s", instance).isNotNull();
            assertThat(WorkloadContainer.of(sts).orElseThrow().getEnv()).as("env of %s", instance)
                    .filteredOn(e -> name.equals(e.getName())).extracting(EnvVar::getValue).containsExactly(value);
        };
    }

    /** The instance's workload has at least {@code count} env entries: a long list was not cut short. */
    static BadInputCheck envCountAtLeast(String instance, int count) {
        return (client, ns) -> {
            StatefulSet sts = client.apps().statefulSets().inNamespace(ns).withName(WorkloadNames.statefulSet(instance))
                    .get();
            assertThat(sts).as("StatefulSet of %s", instance).isNotNull();
            assertThat(WorkloadContainer.of(sts).orElseThrow().getEnv()).as("env of %s", instance).hasSizeGreaterThan(count);
        };
    }

    /** The Ingress {@code name} carries annotation {@code key} with exactly {@code value}. */
    static BadInputCheck ingressAnnotation(String name, String key, String value) {
        return (client, ns) -> {
            Ingress ingress = client.network().v1().ingresses().inNamespace(ns).withName(name).get();
            assertThat(ingress).as("Ingress %s", name).isNotNull();
            assertThat(Objects.requireNonNullElse(ingress.getMetadata().getAnnotations(), java.util.Map.<String, String> of()))
                    .as("annotations of Ingress %s", name).containsEntry(key, value);
        };
    }
}
