package dev.operator.discourse.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.quarkiverse.operatorsdk.annotations.CSVMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** Exposes a DiscourseInstance outside the cluster through an Ingress or a Gateway API HTTPRoute. */
// display name and description of the owned CRD in the OLM bundle
@CSVMetadata(displayName = "Ingress relation",
        description = "Exposes a DiscourseInstance through an Ingress or a Gateway API HTTPRoute, with TLS from a Secret or cert-manager.")
@Group(DiscourseInstance.GROUP)
@Version(DiscourseInstance.VERSION)
@ShortNames("dscingress")
@AdditionalPrinterColumn(name = "Instance", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".spec.instanceRef.name")
@AdditionalPrinterColumn(name = "Ready", type = AdditionalPrinterColumn.Type.STRING,
        jsonPath = ".status.conditions[?(@.type==\"Ready\")].status")
@AdditionalPrinterColumn(name = "URL", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".status.url")
@AdditionalPrinterColumn(name = "Age", type = AdditionalPrinterColumn.Type.DATE, jsonPath = ".metadata.creationTimestamp")
public class IngressRelation extends CustomResource<IngressRelationSpec, IngressRelationStatus>
        implements Namespaced {

    public RelationView view() {
        return RelationView.of(this, getSpec(), getStatus());
    }
}
