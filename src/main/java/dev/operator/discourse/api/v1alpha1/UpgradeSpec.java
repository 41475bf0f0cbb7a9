package dev.operator.discourse.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;

/** How an image change is carried out, beyond the migrations every upgrade runs. */
public class UpgradeSpec {

    @Default("false")
    @JsonPropertyDescription("Before an image change runs its pre-deployment migrations, take a DiscourseBackup "
            + "(named <instance>-pre-upgrade-<digest of the image>) and wait for it. If it fails the upgrade stops, "
            + "with the old pods serving, until that backup is deleted (to try again) or this is set to false. A "
            + "first install takes none.")
    private boolean backupFirst;

    @Default("true")
    @JsonPropertyDescription("Whether that backup's archive holds the uploads on the instance's volume.")
    private boolean backupWithUploads = true;

    public boolean isBackupFirst() {
        return backupFirst;
    }

    public void setBackupFirst(boolean backupFirst) {
        this.backupFirst = backupFirst;
    }

    public boolean isBackupWithUploads() {
        return backupWithUploads;
    }

    public void setBackupWithUploads(boolean backupWithUploads) {
        this.backupWithUploads = backupWithUploads;
    }
}
