package dev.operator.discourse.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

public class ObservabilityRelationSpec extends RelationSpec {

    @JsonPropertyDescription("Prometheus: how the pods are scraped, the alert rules, and who may read /metrics.")
    private PrometheusSpec prometheus = new PrometheusSpec();

    @JsonPropertyDescription("Grafana: the Discourse dashboards, as sidecar ConfigMaps or grafana-operator GrafanaDashboards.")
    private GrafanaSpec grafana = new GrafanaSpec();

    @JsonPropertyDescription("Loki: alert rules on Discourse's logs, as a ConfigMap for the Loki ruler's sidecar.")
    private LokiSpec loki = new LokiSpec();

    /** Never null: an explicit null in the spec means the defaults. */
    public PrometheusSpec getPrometheus() {
        return prometheus == null ? new PrometheusSpec() : prometheus;
    }

    public void setPrometheus(PrometheusSpec prometheus) {
        this.prometheus = prometheus;
    }

    public GrafanaSpec getGrafana() {
        return grafana == null ? new GrafanaSpec() : grafana;
    }

    public void setGrafana(GrafanaSpec grafana) {
        this.grafana = grafana;
    }

    public LokiSpec getLoki() {
        return loki == null ? new LokiSpec() : loki;
    }

    public void setLoki(LokiSpec loki) {
        this.loki = loki;
    }
}
