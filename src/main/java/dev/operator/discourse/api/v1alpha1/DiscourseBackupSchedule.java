package dev.operator.discourse.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;
import io.quarkiverse.operatorsdk.annotations.CSVMetadata;

/**
 * Backups of a forum on a cron schedule, as DiscourseBackups, with the oldest pruned. The backups are not owned by
 * the schedule: deleting it leaves them and their archives.
 */
@CSVMetadata(displayName = "Discourse backup schedule",
        description = "DiscourseBackups of a DiscourseInstance on a cron schedule, keeping the newest few.")
@Group(DiscourseInstance.GROUP)
@Version(DiscourseInstance.VERSION)
@ShortNames("dscbackupschedule")
@AdditionalPrinterColumn(name = "Instance", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".spec.instanceRef.name")
@AdditionalPrinterColumn(name = "Schedule", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".spec.schedule")
@AdditionalPrinterColumn(name = "Suspend", type = AdditionalPrinterColumn.Type.BOOLEAN, jsonPath = ".spec.suspend")
@AdditionalPrinterColumn(name = "Last", type = AdditionalPrinterColumn.Type.DATE, jsonPath = ".status.lastScheduleTime")
@AdditionalPrinterColumn(name = "Next", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".status.nextScheduleTime")
@AdditionalPrinterColumn(name = "Message", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".status.message",
        priority = 1)
@AdditionalPrinterColumn(name = "Age", type = AdditionalPrinterColumn.Type.DATE, jsonPath = ".metadata.creationTimestamp")
public class DiscourseBackupSchedule extends CustomResource<DiscourseBackupScheduleSpec, DiscourseBackupScheduleStatus>
        implements Namespaced {
}
