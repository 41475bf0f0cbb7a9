package dev.operator.discourse.api.v1alpha1;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;

public class GrafanaSpec {

    static final String LABEL_KEY = "^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$";
    static final String LABEL_VALUE = "^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$";

    @Default("true")
    @JsonPropertyDescription("Deliver the Discourse dashboards (overview, service health). false removes them.")
    private boolean enabled = true;

    @Default("Auto")
    @JsonPropertyDescription("Auto: GrafanaDashboard resources when grafana-operator's CRDs (grafana.integreatly.org/v1beta1) are served, else ConfigMaps for the dashboard sidecar. ConfigMap or GrafanaDashboard: that form only.")
    private DashboardDelivery delivery = DashboardDelivery.AUTO;

    @Default("grafana_dashboard")
    @Pattern(LABEL_KEY)
    @JsonPropertyDescription("Label the Grafana sidecar looks for on ConfigMaps (the Grafana chart's sidecar.dashboards.label).")
    private String sidecarLabel = "grafana_dashboard";

    @Default("1")
    @Pattern(LABEL_VALUE)
    @JsonPropertyDescription("Value of that label (the Grafana chart's sidecar.dashboards.labelValue).")
    private String sidecarLabelValue = "1";

    @Pattern("^[^/].*$")
    @JsonPropertyDescription("Grafana folder: the grafana_folder annotation on the ConfigMaps (for a sidecar with folderAnnotation: grafana_folder), spec.folder of a GrafanaDashboard.")
    private String folder;

    @JsonPropertyDescription("GrafanaDashboard spec.instanceSelector.matchLabels: the Grafana resources that import the dashboards. Default dashboards: grafana.")
    private Map<String, String> instanceSelector = new LinkedHashMap<>(Map.of("dashboards", "grafana"));

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public DashboardDelivery getDelivery() {
        return delivery;
    }

    public void setDelivery(DashboardDelivery delivery) {
        this.delivery = delivery;
    }

    public String getSidecarLabel() {
        return sidecarLabel;
    }

    public void setSidecarLabel(String sidecarLabel) {
        this.sidecarLabel = sidecarLabel;
    }

    public String getSidecarLabelValue() {
        return sidecarLabelValue;
    }

    public void setSidecarLabelValue(String sidecarLabelValue) {
        this.sidecarLabelValue = sidecarLabelValue;
    }

    public String getFolder() {
        return folder;
    }

    public void setFolder(String folder) {
        this.folder = folder;
    }

    public Map<String, String> getInstanceSelector() {
        return instanceSelector;
    }

    public void setInstanceSelector(Map<String, String> instanceSelector) {
        this.instanceSelector = instanceSelector;
    }
}
