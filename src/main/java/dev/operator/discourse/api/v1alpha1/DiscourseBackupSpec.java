package dev.operator.discourse.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;

/** Which forum to back up, and whether the archive holds its uploads. Read once, when the backup starts. */
public class DiscourseBackupSpec {

    @Required
    @JsonPropertyDescription("The DiscourseInstance to back up.")
    private InstanceRef instanceRef;

    @Default("true")
    @JsonPropertyDescription("Put the uploads stored on the instance's volume into the archive; false takes the "
            + "database only (Discourse's `backup --sql-only`). Uploads on S3 stay in their bucket either way.")
    private boolean withUploads = true;

    public String instanceName() {
        return instanceRef == null ? null : instanceRef.getName();
    }

    public InstanceRef getInstanceRef() {
        return instanceRef;
    }

    public void setInstanceRef(InstanceRef instanceRef) {
        this.instanceRef = instanceRef;
    }

    public boolean isWithUploads() {
        return withUploads;
    }

    public void setWithUploads(boolean withUploads) {
        this.withUploads = withUploads;
    }
}
