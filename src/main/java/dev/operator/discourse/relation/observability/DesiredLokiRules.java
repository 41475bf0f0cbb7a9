package dev.operator.discourse.relation.observability;

import java.util.Map;
import java.util.stream.Collectors;

import dev.operator.discourse.api.v1alpha1.LokiSpec;
import dev.operator.discourse.api.v1alpha1.ObservabilityRelation;
import dev.operator.discourse.observability.content.DashboardCatalog;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;

/**
 * The Loki ruler rules of a relation, as a ConfigMap for the Loki chart's rules sidecar. The shipped rules
 * select every Discourse stream; here each rule is narrowed to the relation's namespace, so a relation never
 * alerts on another namespace's forum. (Not to the instance: web pods and migration Job pods carry the
 * instance under different labels, and a LogQL selector cannot say "either". The alerts name the pod.)
 */
public final class DesiredLokiRules {

    /** The stream selector every shipped rule uses; the content tests hold the file to it. */
    static final String SHIPPED_SELECTOR = "{" + DashboardCatalog.LOKI_POD_NAMES + "}";

    private DesiredLokiRules() {
    }

    public static ConfigMap build(ObservabilityRelation relation) {
        LokiSpec loki = relation.getSpec().getLoki();
        return new ConfigMapBuilder()
                .withApiVersion("v1")
                .withKind("ConfigMap")
                .withMetadata(ObservabilityNames.metadata(relation, ObservabilityNames.lokiRules(relation),
                        Map.of(loki.getSidecarLabel(), loki.getSidecarLabelValue()), null))
                .withData(Map.of(ObservabilityNames.lokiRulesKey(relation),
                        scoped(DashboardCatalog.lokiRules(), relation.getMetadata().getNamespace())))
                .build();
    }

    /**
     * The rules with the namespace added to every stream selector outside comments. Plain text replacement: the
     * file is never parsed at run time, and a rule written with another selector would be left unscoped, which
     * the tests catch.
     */
    public static String scoped(String rules, String namespace) {
        String selector = "{" + DashboardCatalog.LOKI_POD_NAMES + ", namespace=\"" + namespace + "\"}";
        return rules.lines()
                .map(line -> line.stripLeading().startsWith("#") ? line : line.replace(SHIPPED_SELECTOR, selector))
                .collect(Collectors.joining("\n", "", "\n"));
    }
}
