package dev.operator.discourse.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The form the Grafana dashboards take. */
public enum DashboardDelivery {
    /** GrafanaDashboard resources when grafana-operator's CRDs are served, else sidecar ConfigMaps. */
    @JsonProperty("Auto")
    AUTO,
    /** ConfigMaps labelled for the Grafana chart's dashboard sidecar. */
    @JsonProperty("ConfigMap")
    CONFIG_MAP,
    /** grafana-operator GrafanaDashboard resources (grafana.integreatly.org/v1beta1); skipped while not served. */
    @JsonProperty("GrafanaDashboard")
    GRAFANA_DASHBOARD
}
