package dev.operator.discourse.it;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import dev.operator.discourse.workload.WorkloadNames;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The forum that already runs when the bad input arrives: an instance with all four relations, Ready, its pod
 * running. What it looks like is recorded before and compared after: the bad input must change none of it.
 */
final class BadInputHealthyForum {

    static final String NAME = "healthy";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    /** What must not change: the workload's version, generation and pod template, its pods, the objects' versions. */
    record State(String stsVersion, Long generation, PodTemplateSpec template, Map<String, String> pods,
            Map<String, String> versions) {
    }

    private BadInputHealthyForum() {
    }

    static void create(KubernetesClient client, String ns) {
        client.resource(BadInputSpecs.object(BadInputCases.INSTANCE, NAME, ns, BadInputSpecs.map())).create();
        UncheckedRelations.create(client, ns, NAME); // DatabaseRelation db, RedisRelation cache, checks skipped
        client.resource(BadInputSpecs.object(BadInputCases.INGRESS, NAME + "-ingress", ns,
                BadInputSpecs.map("instanceRef", BadInputSpecs.ref(NAME)))).create();
        client.resource(BadInputSpecs.object(BadInputCases.OBSERVABILITY, NAME + "-obs", ns,
                BadInputSpecs.map("instanceRef", BadInputSpecs.ref(NAME)))).create();
    }

    /** Waits until the forum serves and every relation is Ready, then until its workload has settled. */
    static State awaitRunning(KubernetesClient client, String ns) {
        await().atMost(READY_TIMEOUT).pollInterval(Duration.ofMillis(500)).until(() -> ready(client, ns));
        // settled: two reads two seconds apart agree (the controllers' last status writes are in)
        State[] last = { state(client, ns) };
        await().atMost(READY_TIMEOUT).pollDelay(Duration.ofSeconds(2)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            State now = state(client, ns);
            boolean same = now.equals(last[0]);
            last[0] = now;
            return same;
        });
        return last[0];
    }

    private static boolean ready(KubernetesClient client, String ns) {
        StatefulSet sts = sts(client, ns);
        return sts != null && sts.getStatus() != null && Integer.valueOf(1).equals(sts.getStatus().getReadyReplicas())
                && BadInputStatus.isTrue(get(client, ns, BadInputCases.INSTANCE, NAME), "Ready")
                && BadInputStatus.isTrue(get(client, ns, BadInputCases.DATABASE, "db"), "Ready")
                && BadInputStatus.isTrue(get(client, ns, BadInputCases.REDIS, "cache"), "Ready")
                && BadInputStatus.isTrue(get(client, ns, BadInputCases.INGRESS, NAME + "-ingress"), "Ready")
                && BadInputStatus.isTrue(get(client, ns, BadInputCases.OBSERVABILITY, NAME + "-obs"), "Ready");
    }

    static State state(KubernetesClient client, String ns) {
        StatefulSet sts = sts(client, ns);
        Map<String, String> pods = new TreeMap<>();
        client.pods().inNamespace(ns).withLabel(WorkloadNames.LABEL_INSTANCE, NAME).list().getItems().stream()
                .filter(p -> p.getMetadata().getOwnerReferences().stream().anyMatch(o -> "StatefulSet".equals(o.getKind())))
                .forEach(p -> pods.put(p.getMetadata().getName(), p.getMetadata().getUid()));
        Map<String, String> versions = new TreeMap<>();
        for (String[] object : new String[][] { { BadInputCases.INSTANCE, NAME }, { BadInputCases.DATABASE, "db" },
                { BadInputCases.REDIS, "cache" }, { BadInputCases.INGRESS, NAME + "-ingress" },
                { BadInputCases.OBSERVABILITY, NAME + "-obs" } }) {
            versions.put(object[0] + "/" + object[1], get(client, ns, object[0], object[1]).getMetadata().getResourceVersion());
        }
        return new State(sts.getMetadata().getResourceVersion(), sts.getMetadata().getGeneration(),
                sts.getSpec().getTemplate(), pods, versions);
    }

    private static StatefulSet sts(KubernetesClient client, String ns) {
        return client.apps().statefulSets().inNamespace(ns).withName(WorkloadNames.statefulSet(NAME)).get();
    }

    private static GenericKubernetesResource get(KubernetesClient client, String ns, String kind, String name) {
        return client.genericKubernetesResources(BadInputSpecs.API_VERSION, kind).inNamespace(ns).withName(name).get();
    }
}
