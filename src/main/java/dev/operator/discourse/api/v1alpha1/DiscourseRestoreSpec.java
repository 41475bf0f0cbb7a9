package dev.operator.discourse.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** Which archive to restore into which forum, confirmed by the forum's name. Read when the restore starts. */
@ValidationRule(value = "has(self.backupRef) != has(self.archive)",
        message = "name the archive either by spec.backupRef or by spec.archive, not both")
// every step reads the instance from here: moving a restore to another forum midway would hold one and replace the other
@ValidationRule(value = "self.instanceRef == oldSelf.instanceRef",
        message = "spec.instanceRef cannot change: create another DiscourseRestore for another instance")
public class DiscourseRestoreSpec {

    @Required
    @JsonPropertyDescription("The DiscourseInstance to restore into. Its database is replaced by the archive's.")
    private InstanceRef instanceRef;

    @Required
    @JsonPropertyDescription("The instance's name once more: the restore refuses to start unless it equals "
            + "spec.instanceRef.name, since it replaces that forum's database.")
    private String confirmInstanceName;

    @JsonPropertyDescription("A succeeded DiscourseBackup whose archive is restored, from the store it was written to.")
    private BackupRef backupRef;

    @Pattern("^[A-Za-z0-9][A-Za-z0-9._-]*\\.(tar\\.gz|sql\\.gz|tar|gz)$")
    @JsonPropertyDescription("An archive's file name in the instance's backup store (as Discourse's admin page lists "
            + "it), for an archive no DiscourseBackup made: copied into the backups folder, or in the S3 backup bucket.")
    private String archive;

    @Pattern("^(local|s3)$")
    @JsonPropertyDescription("The store to read spec.archive from: local or s3. Unset: the backup's location with "
            + "backupRef, the instance's backup_location otherwise.")
    private String location;

    @Default("true")
    @JsonPropertyDescription("Discourse's --disable-emails: after the restore, no email goes to non-staff users until "
            + "an admin turns email on again. False when moving a forum that should go on mailing.")
    private boolean disableEmails = true;

    public String instanceName() {
        return instanceRef == null ? null : instanceRef.getName();
    }

    public InstanceRef getInstanceRef() {
        return instanceRef;
    }

    public void setInstanceRef(InstanceRef instanceRef) {
        this.instanceRef = instanceRef;
    }

    public String getConfirmInstanceName() {
        return confirmInstanceName;
    }

    public void setConfirmInstanceName(String confirmInstanceName) {
        this.confirmInstanceName = confirmInstanceName;
    }

    public BackupRef getBackupRef() {
        return backupRef;
    }

    public void setBackupRef(BackupRef backupRef) {
        this.backupRef = backupRef;
    }

    public String getArchive() {
        return archive;
    }

    public void setArchive(String archive) {
        this.archive = archive;
    }

    public String getLocation() {
        return location;
    }

    public void setLocation(String location) {
        this.location = location;
    }

    public boolean isDisableEmails() {
        return disableEmails;
    }

    public void setDisableEmails(boolean disableEmails) {
        this.disableEmails = disableEmails;
    }
}
