package dev.operator.discourse.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;
import io.quarkiverse.operatorsdk.annotations.CSVMetadata;

/** One backup of a forum, taken now by Discourse's own backup, as a Job; an archive it made is never deleted with it. */
@CSVMetadata(displayName = "Discourse backup",
        description = "One backup of a DiscourseInstance, taken once by Discourse's own backup in a Job.")
@Group(DiscourseInstance.GROUP)
@Version(DiscourseInstance.VERSION)
@ShortNames("dscbackup")
@AdditionalPrinterColumn(name = "Instance", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".spec.instanceRef.name")
@AdditionalPrinterColumn(name = "Phase", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".status.phase")
@AdditionalPrinterColumn(name = "Archive", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".status.archive")
@AdditionalPrinterColumn(name = "Size", type = AdditionalPrinterColumn.Type.INTEGER, jsonPath = ".status.sizeBytes")
@AdditionalPrinterColumn(name = "Location", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".status.location",
        priority = 1)
@AdditionalPrinterColumn(name = "Message", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".status.message",
        priority = 1)
@AdditionalPrinterColumn(name = "Age", type = AdditionalPrinterColumn.Type.DATE, jsonPath = ".metadata.creationTimestamp")
public class DiscourseBackup extends CustomResource<DiscourseBackupSpec, DiscourseBackupStatus> implements Namespaced {
}
