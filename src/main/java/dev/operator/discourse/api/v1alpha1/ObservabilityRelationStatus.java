package dev.operator.discourse.api.v1alpha1;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

public class ObservabilityRelationStatus extends RelationStatus {

    @JsonPropertyDescription("How Prometheus finds the pods: PodMonitor, Annotations, or Disabled.")
    private String scrape;

    @JsonPropertyDescription("The form of the dashboards: ConfigMap, GrafanaDashboard, Skipped (the asked-for CRD is not served), or Disabled.")
    private String dashboards;

    @JsonPropertyDescription("What the relation applied, as Kind/name: its PodMonitor, PrometheusRule, ConfigMaps, GrafanaDashboards, and StatefulSet/<instance> when it sets fields there.")
    private List<String> delivered = new ArrayList<>();

    @JsonPropertyDescription("What was not delivered because the cluster does not serve the kind, and what was done instead; rechecked every minute.")
    private List<String> skipped = new ArrayList<>();

    public String getScrape() {
        return scrape;
    }

    public void setScrape(String scrape) {
        this.scrape = scrape;
    }

    public String getDashboards() {
        return dashboards;
    }

    public void setDashboards(String dashboards) {
        this.dashboards = dashboards;
    }

    public List<String> getDelivered() {
        return delivered;
    }

    public void setDelivered(List<String> delivered) {
        this.delivered = delivered;
    }

    public List<String> getSkipped() {
        return skipped;
    }

    public void setSkipped(List<String> skipped) {
        this.skipped = skipped;
    }

    @Override
    public boolean equals(Object o) {
        if (!super.equals(o)) {
            return false;
        }
        ObservabilityRelationStatus other = (ObservabilityRelationStatus) o;
        return Objects.equals(scrape, other.scrape) && Objects.equals(dashboards, other.dashboards)
                && Objects.equals(delivered, other.delivered) && Objects.equals(skipped, other.skipped);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), scrape, dashboards, delivered, skipped);
    }
}
