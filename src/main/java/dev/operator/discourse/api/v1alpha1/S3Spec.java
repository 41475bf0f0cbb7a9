package dev.operator.discourse.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.ValidationRule;

@ValidationRule(value = "!self.enabled || (has(self.accessKeyIdSecretRef) && has(self.secretAccessKeySecretRef))",
        message = "s3.enabled needs s3.accessKeyIdSecretRef and s3.secretAccessKeySecretRef")
@ValidationRule(value = "!self.enabled || (has(self.bucket) && self.bucket != '' && has(self.region) && self.region != ''"
        + " && has(self.endpoint) && self.endpoint != '')",
        message = "s3.enabled needs s3.bucket, s3.region and s3.endpoint")
public class S3Spec {

    @Default("false")
    @JsonPropertyDescription("Store uploads (and, with backupBucket, backups) in S3: Discourse turns S3 on when bucket, region and keys are set. Required for more than one replica unless the uploads volume is ReadWriteMany.")
    private boolean enabled = false;

    @JsonPropertyDescription("Secret key holding the S3 access key id (DISCOURSE_S3_ACCESS_KEY_ID).")
    private SecretKeyRef accessKeyIdSecretRef;

    @JsonPropertyDescription("Secret key holding the S3 secret access key (DISCOURSE_S3_SECRET_ACCESS_KEY).")
    private SecretKeyRef secretAccessKeySecretRef;

    @JsonPropertyDescription("Bucket for uploads (DISCOURSE_S3_BUCKET).")
    private String bucket;

    @JsonPropertyDescription("Bucket region (DISCOURSE_S3_REGION).")
    private String region;

    @Default("https://s3.amazonaws.com")
    @JsonPropertyDescription("S3 API endpoint (DISCOURSE_S3_ENDPOINT).")
    private String endpoint = "https://s3.amazonaws.com";

    @JsonPropertyDescription("Bucket for backups; when set, backups go to S3 (DISCOURSE_S3_BACKUP_BUCKET, DISCOURSE_BACKUP_LOCATION=s3).")
    private String backupBucket;

    @JsonPropertyDescription("CDN URL in front of the bucket (DISCOURSE_S3_CDN_URL); also added to the CORS origins.")
    private String cdnUrl;

    @Default("true")
    @JsonPropertyDescription("Let Discourse install the CORS rule on the bucket (DISCOURSE_S3_INSTALL_CORS_RULE).")
    private boolean installCorsRule = true;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public SecretKeyRef getAccessKeyIdSecretRef() {
        return accessKeyIdSecretRef;
    }

    public void setAccessKeyIdSecretRef(SecretKeyRef accessKeyIdSecretRef) {
        this.accessKeyIdSecretRef = accessKeyIdSecretRef;
    }

    public SecretKeyRef getSecretAccessKeySecretRef() {
        return secretAccessKeySecretRef;
    }

    public void setSecretAccessKeySecretRef(SecretKeyRef secretAccessKeySecretRef) {
        this.secretAccessKeySecretRef = secretAccessKeySecretRef;
    }

    public String getBucket() {
        return bucket;
    }

    public void setBucket(String bucket) {
        this.bucket = bucket;
    }

    public String getRegion() {
        return region;
    }

    public void setRegion(String region) {
        this.region = region;
    }

    public String getEndpoint() {
        return endpoint;
    }

    public void setEndpoint(String endpoint) {
        this.endpoint = endpoint;
    }

    public String getBackupBucket() {
        return backupBucket;
    }

    public void setBackupBucket(String backupBucket) {
        this.backupBucket = backupBucket;
    }

    public String getCdnUrl() {
        return cdnUrl;
    }

    public void setCdnUrl(String cdnUrl) {
        this.cdnUrl = cdnUrl;
    }

    public boolean isInstallCorsRule() {
        return installCorsRule;
    }

    public void setInstallCorsRule(boolean installCorsRule) {
        this.installCorsRule = installCorsRule;
    }
}
