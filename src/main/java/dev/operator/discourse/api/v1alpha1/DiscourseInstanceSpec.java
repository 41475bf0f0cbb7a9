package dev.operator.discourse.api.v1alpha1;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.model.annotation.SpecReplicas;

@ValidationRule(value = "!has(self.saml) || !has(self.saml.targetUrl) || self.saml.targetUrl == ''"
        + " || (has(self.forceHttps) && self.forceHttps)",
        message = "saml.targetUrl needs forceHttps: true: SAML logins are only set up for a forum served over https")
@ValidationRule(value = "!has(self.oidc) || !has(self.oidc.issuer) || self.oidc.issuer == ''"
        + " || (has(self.forceHttps) && self.forceHttps)",
        message = "oidc.issuer needs forceHttps: true: OpenID Connect logins are only set up for a forum served over https")
@ValidationRule(value = "!has(self.replicas) || self.replicas <= 1 || (has(self.s3) && self.s3.enabled)"
        + " || (has(self.uploads) && has(self.uploads.accessMode) && self.uploads.accessMode == 'ReadWriteMany')",
        message = "replicas > 1 needs s3.enabled or uploads.accessMode: ReadWriteMany, else each pod keeps its own uploads")
@ValidationRule(value = "!has(self.sidekiq) || !has(self.sidekiq.mode) || self.sidekiq.mode != 'Separate'"
        + " || (has(self.s3) && self.s3.enabled)"
        + " || (has(self.uploads) && has(self.uploads.accessMode) && self.uploads.accessMode == 'ReadWriteMany')",
        message = "sidekiq.mode: Separate needs s3.enabled or uploads.accessMode: ReadWriteMany: a ReadWriteOnce volume cannot be shared by the web and Sidekiq pods")
public class DiscourseInstanceSpec {

    /** The Discourse image built from image/discourse in this repository, pinned by release. */
    public static final String DEFAULT_IMAGE = "ghcr.io/discourse-operator/discourse:3.5.2";

    @Default(DEFAULT_IMAGE)
    @JsonPropertyDescription("Discourse workload image. Changing it runs the migrations and rolls the pods.")
    private String image = DEFAULT_IMAGE;

    @Default("IfNotPresent")
    @Pattern("^(Always|IfNotPresent|Never)$")
    @JsonPropertyDescription("Image pull policy: Always, IfNotPresent or Never.")
    private String imagePullPolicy = "IfNotPresent";

    @JsonPropertyDescription("Secrets for pulling the image from a private registry.")
    private List<LocalObjectReference> imagePullSecrets = new ArrayList<>();

    @Default("1")
    @Min(0)
    @Max(100)
    @SpecReplicas
    @JsonPropertyDescription("Number of Discourse pods once the database and Redis are ready. More than one needs S3 or a ReadWriteMany uploads volume.")
    private int replicas = 1;

    @JsonPropertyDescription("CPU and memory requests and limits of the Discourse container.")
    private ResourceRequirements resources;

    @Default("3")
    @Min(1)
    @Max(64)
    @JsonPropertyDescription("Unicorn web workers per pod (UNICORN_WORKERS).")
    private int unicornWorkers = 3;

    @Default("1000")
    @Min(0)
    @JsonPropertyDescription("Memory in MB above which Unicorn restarts Sidekiq (UNICORN_SIDEKIQ_MAX_RSS; the charm's sidekiq_max_memory).")
    private int sidekiqMaxMemory = 1000;

    @Pattern("^$|^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
    @JsonPropertyDescription("Public host name of the forum (DISCOURSE_HOSTNAME; the charm's external_hostname). Defaults to the instance's name.")
    private String hostname;

    @JsonPropertyDescription("Serve and link only over https (DISCOURSE_FORCE_HTTPS). When unset, an IngressRelation that terminates TLS turns it on.")
    private Boolean forceHttps;

    @JsonPropertyDescription("Emails that become developer accounts (DISCOURSE_DEVELOPER_EMAILS; the charm's developer_emails).")
    private List<String> developerEmails = new ArrayList<>();

    @JsonPropertyDescription("Cross-Origin Resource Sharing.")
    private CorsSpec cors = new CorsSpec();

    @Default("2")
    @Min(2)
    @Max(3)
    @JsonPropertyDescription("Maximum category nesting, 2 or 3 (DISCOURSE_MAX_CATEGORY_NESTING).")
    private int maxCategoryNesting = 2;

    @Default("none")
    @JsonPropertyDescription("Per-IP request throttling preset: none, permissive or strict.")
    private ThrottleLevel throttleLevel = ThrottleLevel.NONE;

    @JsonPropertyDescription("Outgoing mail.")
    private SmtpSpec smtp = new SmtpSpec();

    @JsonPropertyDescription("Uploads and backups in S3-compatible object storage.")
    private S3Spec s3 = new S3Spec();

    @JsonPropertyDescription("SAML single sign-on. Needs forceHttps.")
    private SamlSpec saml = new SamlSpec();

    @JsonPropertyDescription("OpenID Connect login. Needs forceHttps.")
    private OidcSpec oidc = new OidcSpec();

    @JsonPropertyDescription("The uploads and backups volume, used when S3 is off.")
    private UploadsStorageSpec uploads = new UploadsStorageSpec();

    @Default("Retain")
    @JsonPropertyDescription("Whether the generated secret_key_base Secret is kept (Retain, the default) or deleted with the instance (Delete). Losing it signs every user out.")
    private RetentionPolicy secretKeyBaseRetentionPolicy = RetentionPolicy.RETAIN;

    @JsonPropertyDescription("Outgoing HTTP proxy.")
    private ProxySpec proxy = new ProxySpec();

    @JsonPropertyDescription("Discourse AI, which needs the vector extension in the database.")
    private AiSpec ai = new AiSpec();

    @JsonPropertyDescription("Extra environment variables for the Discourse container, e.g. DISCOURSE_* settings the spec does not cover. Names the operator sets are refused.")
    private List<EnvVar> extraEnv = new ArrayList<>();

    @JsonPropertyDescription("Node selector of the Discourse pods.")
    private Map<String, String> nodeSelector = new LinkedHashMap<>();

    @JsonPropertyDescription("Tolerations of the Discourse pods.")
    private List<Toleration> tolerations = new ArrayList<>();

    @JsonPropertyDescription("Affinity of the Discourse pods.")
    private Affinity affinity;

    @JsonPropertyDescription("Where Sidekiq runs: inside the web pods (the default) or as a workload of its own.")
    private SidekiqSpec sidekiq = new SidekiqSpec();

    @JsonPropertyDescription("PodDisruptionBudgets of the web and Sidekiq workloads.")
    private DisruptionBudgetSpec podDisruptionBudget = new DisruptionBudgetSpec();

    @JsonPropertyDescription("An optional NetworkPolicy that admits port 3000 only from the peers named.")
    private NetworkPolicySpec networkPolicy = new NetworkPolicySpec();

    @JsonPropertyDescription("Topology spread constraints of the Discourse pods, web and Sidekiq alike. Their labelSelector "
            + "is the user's: app.kubernetes.io/instance and app.kubernetes.io/component select one workload's pods.")
    private List<TopologySpreadConstraint> topologySpreadConstraints = new ArrayList<>();

    @JsonPropertyDescription("Priority class of the Discourse pods.")
    private String priorityClassName;

    @JsonPropertyDescription("Extra labels of the Discourse pods. app.kubernetes.io/ labels are the operator's and refused.")
    private Map<String, String> podLabels = new LinkedHashMap<>();

    @JsonPropertyDescription("Extra annotations of the Discourse pods. Annotations the operator or a relation sets win.")
    private Map<String, String> podAnnotations = new LinkedHashMap<>();

    @JsonPropertyDescription("How image changes are carried out: a backup first, or not.")
    private UpgradeSpec upgrade = new UpgradeSpec();

    @JsonPropertyDescription("Escape hatches the operator does not support: use them knowing an upgrade may change them.")
    private UnsupportedSpec unsupported = new UnsupportedSpec();

    public UpgradeSpec getUpgrade() {
        return upgrade;
    }

    public void setUpgrade(UpgradeSpec upgrade) {
        this.upgrade = upgrade == null ? new UpgradeSpec() : upgrade;
    }

    public String getImage() {
        return image;
    }

    public void setImage(String image) {
        this.image = image;
    }

    public String getImagePullPolicy() {
        return imagePullPolicy;
    }

    public void setImagePullPolicy(String imagePullPolicy) {
        this.imagePullPolicy = imagePullPolicy;
    }

    public List<LocalObjectReference> getImagePullSecrets() {
        return imagePullSecrets;
    }

    public void setImagePullSecrets(List<LocalObjectReference> imagePullSecrets) {
        this.imagePullSecrets = imagePullSecrets;
    }

    public int getReplicas() {
        return replicas;
    }

    public void setReplicas(int replicas) {
        this.replicas = replicas;
    }

    public ResourceRequirements getResources() {
        return resources;
    }

    public void setResources(ResourceRequirements resources) {
        this.resources = resources;
    }

    public int getUnicornWorkers() {
        return unicornWorkers;
    }

    public void setUnicornWorkers(int unicornWorkers) {
        this.unicornWorkers = unicornWorkers;
    }

    public int getSidekiqMaxMemory() {
        return sidekiqMaxMemory;
    }

    public void setSidekiqMaxMemory(int sidekiqMaxMemory) {
        this.sidekiqMaxMemory = sidekiqMaxMemory;
    }

    public String getHostname() {
        return hostname;
    }

    public void setHostname(String hostname) {
        this.hostname = hostname;
    }

    public Boolean getForceHttps() {
        return forceHttps;
    }

    public void setForceHttps(Boolean forceHttps) {
        this.forceHttps = forceHttps;
    }

    public List<String> getDeveloperEmails() {
        return developerEmails;
    }

    public void setDeveloperEmails(List<String> developerEmails) {
        this.developerEmails = developerEmails;
    }

    public CorsSpec getCors() {
        return cors;
    }

    public void setCors(CorsSpec cors) {
        this.cors = cors;
    }

    public int getMaxCategoryNesting() {
        return maxCategoryNesting;
    }

    public void setMaxCategoryNesting(int maxCategoryNesting) {
        this.maxCategoryNesting = maxCategoryNesting;
    }

    public ThrottleLevel getThrottleLevel() {
        return throttleLevel;
    }

    public void setThrottleLevel(ThrottleLevel throttleLevel) {
        this.throttleLevel = throttleLevel;
    }

    public SmtpSpec getSmtp() {
        return smtp;
    }

    public void setSmtp(SmtpSpec smtp) {
        this.smtp = smtp;
    }

    public S3Spec getS3() {
        return s3;
    }

    public void setS3(S3Spec s3) {
        this.s3 = s3;
    }

    public SamlSpec getSaml() {
        return saml;
    }

    public void setSaml(SamlSpec saml) {
        this.saml = saml;
    }

    public OidcSpec getOidc() {
        return oidc;
    }

    public void setOidc(OidcSpec oidc) {
        this.oidc = oidc;
    }

    public UploadsStorageSpec getUploads() {
        return uploads;
    }

    public void setUploads(UploadsStorageSpec uploads) {
        this.uploads = uploads;
    }

    public RetentionPolicy getSecretKeyBaseRetentionPolicy() {
        return secretKeyBaseRetentionPolicy;
    }

    public void setSecretKeyBaseRetentionPolicy(RetentionPolicy secretKeyBaseRetentionPolicy) {
        this.secretKeyBaseRetentionPolicy = secretKeyBaseRetentionPolicy;
    }

    public AiSpec getAi() {
        return ai;
    }

    public void setAi(AiSpec ai) {
        this.ai = ai;
    }

    public ProxySpec getProxy() {
        return proxy;
    }

    public void setProxy(ProxySpec proxy) {
        this.proxy = proxy;
    }

    public List<EnvVar> getExtraEnv() {
        return extraEnv;
    }

    public void setExtraEnv(List<EnvVar> extraEnv) {
        this.extraEnv = extraEnv;
    }

    public Map<String, String> getNodeSelector() {
        return nodeSelector;
    }

    public void setNodeSelector(Map<String, String> nodeSelector) {
        this.nodeSelector = nodeSelector;
    }

    public List<Toleration> getTolerations() {
        return tolerations;
    }

    public void setTolerations(List<Toleration> tolerations) {
        this.tolerations = tolerations;
    }

    public Affinity getAffinity() {
        return affinity;
    }

    public void setAffinity(Affinity affinity) {
        this.affinity = affinity;
    }

    public SidekiqSpec getSidekiq() {
        return sidekiq;
    }

    public void setSidekiq(SidekiqSpec sidekiq) {
        this.sidekiq = sidekiq;
    }

    public DisruptionBudgetSpec getPodDisruptionBudget() {
        return podDisruptionBudget;
    }

    public void setPodDisruptionBudget(DisruptionBudgetSpec podDisruptionBudget) {
        this.podDisruptionBudget = podDisruptionBudget;
    }

    public NetworkPolicySpec getNetworkPolicy() {
        return networkPolicy;
    }

    public void setNetworkPolicy(NetworkPolicySpec networkPolicy) {
        this.networkPolicy = networkPolicy;
    }

    public List<TopologySpreadConstraint> getTopologySpreadConstraints() {
        return topologySpreadConstraints;
    }

    public void setTopologySpreadConstraints(List<TopologySpreadConstraint> topologySpreadConstraints) {
        this.topologySpreadConstraints = topologySpreadConstraints;
    }

    public String getPriorityClassName() {
        return priorityClassName;
    }

    public void setPriorityClassName(String priorityClassName) {
        this.priorityClassName = priorityClassName;
    }

    public Map<String, String> getPodLabels() {
        return podLabels;
    }

    public void setPodLabels(Map<String, String> podLabels) {
        this.podLabels = podLabels;
    }

    public Map<String, String> getPodAnnotations() {
        return podAnnotations;
    }

    public void setPodAnnotations(Map<String, String> podAnnotations) {
        this.podAnnotations = podAnnotations;
    }

    public UnsupportedSpec getUnsupported() {
        return unsupported;
    }

    public void setUnsupported(UnsupportedSpec unsupported) {
        this.unsupported = unsupported;
    }
}
