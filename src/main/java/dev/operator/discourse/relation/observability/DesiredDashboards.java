package dev.operator.discourse.relation.observability;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.operator.discourse.api.v1alpha1.GrafanaSpec;
import dev.operator.discourse.api.v1alpha1.ObservabilityRelation;
import dev.operator.discourse.observability.content.DashboardCatalog;
import dev.operator.discourse.observability.content.DashboardCatalog.Dashboard;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

/**
 * The Discourse dashboards of a relation, one object per dashboard (a ConfigMap holds at most 1 MiB), as
 * ConfigMaps for the Grafana chart's sidecar or as grafana-operator GrafanaDashboards. The dashboards are
 * shipped unchanged: they pick the namespace and instance with template variables, so one copy serves every
 * instance. The operator's own dashboard belongs with the operator (its Helm chart), not with each forum.
 */
public final class DesiredDashboards {

    /** The annotation a Grafana sidecar configured with folderAnnotation: grafana_folder reads. */
    public static final String FOLDER_ANNOTATION = "grafana_folder";

    private DesiredDashboards() {
    }

    public static List<Dashboard> dashboards() {
        return DashboardCatalog.discourseDashboards();
    }

    public static List<ConfigMap> configMaps(ObservabilityRelation relation) {
        GrafanaSpec grafana = relation.getSpec().getGrafana();
        Map<String, String> annotations = grafana.getFolder() == null || grafana.getFolder().isBlank() ? Map.of()
                : Map.of(FOLDER_ANNOTATION, grafana.getFolder());
        return dashboards().stream().map(d -> new ConfigMapBuilder()
                .withApiVersion("v1")
                .withKind("ConfigMap")
                .withMetadata(ObservabilityNames.metadata(relation, ObservabilityNames.dashboard(relation, d),
                        Map.of(grafana.getSidecarLabel(), grafana.getSidecarLabelValue()), annotations))
                .withData(Map.of(d.fileName(), d.read()))
                .build()).toList();
    }

    public static List<GenericKubernetesResource> grafanaDashboards(ObservabilityRelation relation) {
        GrafanaSpec grafana = relation.getSpec().getGrafana();
        return dashboards().stream().map(d -> {
            Map<String, Object> spec = new LinkedHashMap<>();
            spec.put("instanceSelector", Map.of("matchLabels",
                    grafana.getInstanceSelector() == null ? Map.of() : grafana.getInstanceSelector()));
            // The Grafana resource usually lives in the monitoring namespace, not next to the forum.
            spec.put("allowCrossNamespaceImport", true);
            if (grafana.getFolder() != null && !grafana.getFolder().isBlank()) {
                spec.put("folder", grafana.getFolder());
            }
            spec.put("json", d.read());
            GenericKubernetesResource dashboard = new GenericKubernetesResource();
            dashboard.setApiVersion(MonitoringApis.GRAFANA_DASHBOARD.apiVersion());
            dashboard.setKind(MonitoringApis.GRAFANA_DASHBOARD.kind());
            dashboard.setMetadata(ObservabilityNames.metadata(relation, ObservabilityNames.dashboard(relation, d),
                    Map.of(), null));
            dashboard.setAdditionalProperty("spec", spec);
            return dashboard;
        }).toList();
    }
}
