package dev.operator.discourse.it;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.operator.discourse.testsupport.OperatorEvents;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The resourceVersion of every object in the namespace that the operator writes (its custom resources with their
 * status, and what it makes: StatefulSets, Services, claims, Secrets, Ingresses, ConfigMaps, Jobs, its Events).
 * Two snapshots apart in time say whether anything was written in between: every write moves the version.
 */
record BadInputSnapshot(Map<String, String> versions) {

    static BadInputSnapshot take(KubernetesClient client, String ns) {
        Map<String, String> versions = new TreeMap<>();
        for (String kind : List.of(BadInputCases.INSTANCE, BadInputCases.DATABASE, BadInputCases.REDIS,
                BadInputCases.INGRESS, BadInputCases.OBSERVABILITY, BadInputCases.USER_TASK)) {
            put(versions, client.genericKubernetesResources(BadInputSpecs.API_VERSION, kind).inNamespace(ns).list()
                    .getItems());
        }
        put(versions, client.apps().statefulSets().inNamespace(ns).list().getItems());
        put(versions, client.services().inNamespace(ns).list().getItems());
        put(versions, client.persistentVolumeClaims().inNamespace(ns).list().getItems());
        put(versions, client.secrets().inNamespace(ns).list().getItems());
        put(versions, client.network().v1().ingresses().inNamespace(ns).list().getItems());
        put(versions, client.configMaps().inNamespace(ns).list().getItems());
        put(versions, client.batch().v1().jobs().inNamespace(ns).list().getItems());
        put(versions, OperatorEvents.in(client, ns));
        return new BadInputSnapshot(versions);
    }

    private static void put(Map<String, String> versions, List<? extends HasMetadata> objects) {
        objects.forEach(o -> versions.put(o.getKind() + "/" + o.getMetadata().getName(), o.getMetadata().getResourceVersion()));
    }

    /** What was created, changed or deleted since {@code before}, with the versions: empty when nothing was written. */
    Map<String, String> writesSince(BadInputSnapshot before) {
        Map<String, String> writes = new TreeMap<>();
        versions.forEach((key, version) -> {
            String was = before.versions.get(key);
            if (!version.equals(was)) {
                writes.put(key, (was == null ? "created" : was) + " -> " + version);
            }
        });
        Map<String, String> gone = new HashMap<>(before.versions);
        gone.keySet().removeAll(versions.keySet());
        gone.keySet().forEach(key -> writes.put(key, "deleted"));
        return writes;
    }

    /** Whether the object {@code kind/name} was written since {@code before}. */
    boolean wrote(BadInputSnapshot before, String kind, String name) {
        String key = kind + "/" + name;
        return !String.valueOf(versions.get(key)).equals(String.valueOf(before.versions.get(key)));
    }
}
