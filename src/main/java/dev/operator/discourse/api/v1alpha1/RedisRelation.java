package dev.operator.discourse.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.quarkiverse.operatorsdk.annotations.CSVMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** Binds a DiscourseInstance to a Redis server. */
// display name and description of the owned CRD in the OLM bundle
@CSVMetadata(displayName = "Redis relation",
        description = "Binds a DiscourseInstance to Redis (6.2 or later); checks the connection, password and TLS.")
@Group(DiscourseInstance.GROUP)
@Version(DiscourseInstance.VERSION)
@ShortNames("dscredis")
@AdditionalPrinterColumn(name = "Instance", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".spec.instanceRef.name")
@AdditionalPrinterColumn(name = "Ready", type = AdditionalPrinterColumn.Type.STRING,
        jsonPath = ".status.conditions[?(@.type==\"Ready\")].status")
@AdditionalPrinterColumn(name = "Age", type = AdditionalPrinterColumn.Type.DATE, jsonPath = ".metadata.creationTimestamp")
public class RedisRelation extends CustomResource<RedisRelationSpec, RedisRelationStatus>
        implements Namespaced {

    public RelationView view() {
        return RelationView.of(this, getSpec(), getStatus());
    }
}
