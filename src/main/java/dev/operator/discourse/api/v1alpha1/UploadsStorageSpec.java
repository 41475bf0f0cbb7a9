package dev.operator.discourse.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;

public class UploadsStorageSpec {

    public enum AccessMode {
        @JsonProperty("ReadWriteOnce")
        READ_WRITE_ONCE("ReadWriteOnce"),
        @JsonProperty("ReadWriteMany")
        READ_WRITE_MANY("ReadWriteMany");

        private final String value;

        AccessMode(String value) {
            this.value = value;
        }

        public String value() {
            return value;
        }
    }

    @Default("10Gi")
    @Pattern("^[0-9]+(\\.[0-9]+)?(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$")
    @JsonPropertyDescription("Size of the uploads and backups volume, used when S3 is off.")
    private String size = "10Gi";

    @JsonPropertyDescription("Storage class of the uploads volume; the cluster default when empty.")
    private String storageClassName;

    @Default("ReadWriteOnce")
    @JsonPropertyDescription("Access mode of the uploads volume. More than one replica without S3 needs ReadWriteMany.")
    private AccessMode accessMode = AccessMode.READ_WRITE_ONCE;

    @Default("Retain")
    @JsonPropertyDescription("Whether the uploads volume is kept (Retain, the default) or deleted with the instance (Delete).")
    private RetentionPolicy retentionPolicy = RetentionPolicy.RETAIN;

    public String getSize() {
        return size;
    }

    public void setSize(String size) {
        this.size = size;
    }

    public String getStorageClassName() {
        return storageClassName;
    }

    public void setStorageClassName(String storageClassName) {
        this.storageClassName = storageClassName;
    }

    public AccessMode getAccessMode() {
        return accessMode;
    }

    public void setAccessMode(AccessMode accessMode) {
        this.accessMode = accessMode;
    }

    public RetentionPolicy getRetentionPolicy() {
        return retentionPolicy;
    }

    public void setRetentionPolicy(RetentionPolicy retentionPolicy) {
        this.retentionPolicy = retentionPolicy;
    }
}
