package dev.operator.discourse.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How Prometheus is told to scrape the Discourse pods. */
public enum ScrapeMethod {
    /** A PodMonitor when the Prometheus Operator's CRDs are served, else scrape annotations on the pods. */
    @JsonProperty("Auto")
    AUTO,
    /** Always the prometheus.io/* annotations, for a Prometheus configured to honour them. */
    @JsonProperty("Annotations")
    ANNOTATIONS
}
