package dev.operator.discourse.api.v1alpha1;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;

public class PrometheusSpec {

    @Default("true")
    @JsonPropertyDescription("Scrape Discourse's /metrics (port 3000) and deliver the alert rules. false removes both.")
    private boolean enabled = true;

    @Default("Auto")
    @JsonPropertyDescription("Auto: a PodMonitor when the Prometheus Operator's CRDs are served, else prometheus.io/scrape, /port and /path annotations on the pod template (rechecked every minute). Annotations: always the annotations.")
    private ScrapeMethod scrape = ScrapeMethod.AUTO;

    @Pattern("^([0-9]+(ms|s|m|h))+$")
    @JsonPropertyDescription("Scrape interval of the PodMonitor, e.g. 30s. Unset: the Prometheus' own.")
    private String interval;

    @Default("true")
    @JsonPropertyDescription("Deliver the Discourse alert rules as a PrometheusRule (needs the Prometheus Operator's CRDs; skipped and said so in status without them).")
    private boolean alertRules = true;

    @JsonPropertyDescription("Extra labels on the PodMonitor and the PrometheusRule, for the Prometheus' podMonitorSelector/ruleSelector (kube-prometheus-stack: release: <its release name>).")
    private Map<String, String> labels = new LinkedHashMap<>();

    @JsonPropertyDescription("Sets DISCOURSE_PROMETHEUS_TRUSTED_IP_ALLOWLIST_REGEX: the discourse-prometheus plugin serves /metrics only to private and loopback IPs, plus those matching this (Ruby) regex. Needed only when Prometheus scrapes from other addresses, e.g. a 100.64.0.0/10 pod network.")
    private String trustedIpAllowlistRegex;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public ScrapeMethod getScrape() {
        return scrape;
    }

    public void setScrape(ScrapeMethod scrape) {
        this.scrape = scrape;
    }

    public String getInterval() {
        return interval;
    }

    public void setInterval(String interval) {
        this.interval = interval;
    }

    public boolean isAlertRules() {
        return alertRules;
    }

    public void setAlertRules(boolean alertRules) {
        this.alertRules = alertRules;
    }

    public Map<String, String> getLabels() {
        return labels;
    }

    public void setLabels(Map<String, String> labels) {
        this.labels = labels;
    }

    public String getTrustedIpAllowlistRegex() {
        return trustedIpAllowlistRegex;
    }

    public void setTrustedIpAllowlistRegex(String trustedIpAllowlistRegex) {
        this.trustedIpAllowlistRegex = trustedIpAllowlistRegex;
    }
}
