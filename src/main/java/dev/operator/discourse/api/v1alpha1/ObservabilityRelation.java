package dev.operator.discourse.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.quarkiverse.operatorsdk.annotations.CSVMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * Hooks a DiscourseInstance up to the cluster's monitoring: Prometheus scraping and alert rules, Grafana
 * dashboards and Loki log alert rules, each in the form the cluster's tools understand.
 */
// display name and description of the owned CRD in the OLM bundle
@CSVMetadata(displayName = "Observability relation",
        description = "Scrapes a DiscourseInstance and delivers its Prometheus alert rules, Grafana dashboards and Loki rules.")
@Group(DiscourseInstance.GROUP)
@Version(DiscourseInstance.VERSION)
@ShortNames("dscobs")
@AdditionalPrinterColumn(name = "Instance", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".spec.instanceRef.name")
@AdditionalPrinterColumn(name = "Ready", type = AdditionalPrinterColumn.Type.STRING,
        jsonPath = ".status.conditions[?(@.type==\"Ready\")].status")
@AdditionalPrinterColumn(name = "Scrape", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".status.scrape")
@AdditionalPrinterColumn(name = "Dashboards", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".status.dashboards")
@AdditionalPrinterColumn(name = "Age", type = AdditionalPrinterColumn.Type.DATE, jsonPath = ".metadata.creationTimestamp")
public class ObservabilityRelation extends CustomResource<ObservabilityRelationSpec, ObservabilityRelationStatus>
        implements Namespaced {

    public RelationView view() {
        return RelationView.of(this, getSpec(), getStatus());
    }
}
