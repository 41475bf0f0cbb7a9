package dev.operator.discourse.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;
import io.quarkiverse.operatorsdk.annotations.CSVMetadata;

/**
 * One restore of an archive into a forum by Discourse's own restore, the forum held at zero replicas meanwhile;
 * then the image's migrations, then the forum back.
 */
@CSVMetadata(displayName = "Discourse restore",
        description = "Restores a backup archive into a DiscourseInstance: forum stopped, Discourse's restore, "
                + "migrations, forum back.")
@Group(DiscourseInstance.GROUP)
@Version(DiscourseInstance.VERSION)
@ShortNames("dscrestore")
@AdditionalPrinterColumn(name = "Instance", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".spec.instanceRef.name")
@AdditionalPrinterColumn(name = "Phase", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".status.phase")
@AdditionalPrinterColumn(name = "Archive", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".status.archive")
@AdditionalPrinterColumn(name = "Forum held", type = AdditionalPrinterColumn.Type.BOOLEAN, jsonPath = ".status.holdsForum")
@AdditionalPrinterColumn(name = "Message", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".status.message",
        priority = 1)
@AdditionalPrinterColumn(name = "Age", type = AdditionalPrinterColumn.Type.DATE, jsonPath = ".metadata.creationTimestamp")
public class DiscourseRestore extends CustomResource<DiscourseRestoreSpec, DiscourseRestoreStatus> implements Namespaced {
}
