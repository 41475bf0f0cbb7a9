package dev.operator.discourse.relation.observability;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.operator.discourse.api.v1alpha1.ObservabilityRelation;
import dev.operator.discourse.observability.content.DashboardCatalog.Dashboard;
import dev.operator.discourse.workload.WorkloadNames;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;

/** Names, labels and the owned metadata of everything an ObservabilityRelation makes. */
public final class ObservabilityNames {

    public static final String COMPONENT = "observability";

    private ObservabilityNames() {
    }

    /** The PodMonitor and the PrometheusRule are named after the relation: two relations never share one. */
    public static String podMonitor(ObservabilityRelation relation) {
        return relation.getMetadata().getName();
    }

    public static String prometheusRule(ObservabilityRelation relation) {
        return relation.getMetadata().getName();
    }

    /** The ConfigMap or GrafanaDashboard of one dashboard. */
    public static String dashboard(ObservabilityRelation relation, Dashboard dashboard) {
        return relation.getMetadata().getName() + "-dashboard-" + dashboard.uid();
    }

    public static String lokiRules(ObservabilityRelation relation) {
        return relation.getMetadata().getName() + "-loki-rules";
    }

    /**
     * The rules file's key. The Loki chart's sidecar writes every labelled ConfigMap's keys into one folder, so
     * the key carries the namespace and relation name: two relations never overwrite each other's file.
     */
    public static String lokiRulesKey(ObservabilityRelation relation) {
        return "discourse-log-alerts-" + relation.getMetadata().getNamespace() + "-" + relation.getMetadata().getName()
                + ".yaml";
    }

    /** Labels of every owned object; component=observability tells them from the instance's own objects. */
    public static Map<String, String> labels(String instance) {
        Map<String, String> labels = new LinkedHashMap<>(WorkloadNames.selectorLabels(instance));
        labels.put(WorkloadNames.LABEL_COMPONENT, COMPONENT);
        labels.put(WorkloadNames.LABEL_MANAGED_BY, WorkloadNames.MANAGED_BY);
        return labels;
    }

    /** The selector that lists what relations of an instance made; ownership is then checked by uid. */
    public static String ownedSelector(String instance) {
        return WorkloadNames.LABEL_INSTANCE + "=" + instance + "," + WorkloadNames.LABEL_COMPONENT + "=" + COMPONENT
                + "," + WorkloadNames.MANAGED_SELECTOR;
    }

    /**
     * Owned by the relation, so the garbage collector removes it with the relation even when the operator is
     * not running; the reconciler's cleanup deletes it too, without waiting for the collector.
     */
    static ObjectMeta metadata(ObservabilityRelation relation, String name, Map<String, String> extraLabels,
            Map<String, String> annotations) {
        Map<String, String> labels = new LinkedHashMap<>(extraLabels);
        // Ours are put last: a user label of the same key must not hide the object from its relation.
        labels.putAll(labels(relation.getSpec().instanceName()));
        return new ObjectMetaBuilder()
                .withName(name)
                .withNamespace(relation.getMetadata().getNamespace())
                .withLabels(labels)
                .withAnnotations(annotations == null || annotations.isEmpty() ? null : annotations)
                .withOwnerReferences(new OwnerReferenceBuilder()
                        .withApiVersion(HasMetadata.getApiVersion(ObservabilityRelation.class))
                        .withKind(HasMetadata.getKind(ObservabilityRelation.class))
                        .withName(relation.getMetadata().getName())
                        .withUid(relation.getMetadata().getUid())
                        .withController(true)
                        .build())
                .build();
    }

    static boolean ownedBy(HasMetadata object, ObservabilityRelation relation) {
        String uid = relation.getMetadata().getUid();
        return uid != null && object.getMetadata().getOwnerReferences() != null
                && object.getMetadata().getOwnerReferences().stream().anyMatch(o -> uid.equals(o.getUid()));
    }
}
