package dev.operator.discourse.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;

public class LokiSpec {

    @Default("true")
    @JsonPropertyDescription("Deliver the Loki alert rules on Discourse's logs. false removes them.")
    private boolean enabled = true;

    @Default("loki_rule")
    @Pattern(GrafanaSpec.LABEL_KEY)
    @JsonPropertyDescription("Label the Loki ruler's sidecar looks for on ConfigMaps (the Loki chart's sidecar.rules.label).")
    private String sidecarLabel = "loki_rule";

    @Default("1")
    @Pattern(GrafanaSpec.LABEL_VALUE)
    @JsonPropertyDescription("Value of that label. The Loki chart's sidecar.rules.labelValue is empty by default, which accepts any value.")
    private String sidecarLabelValue = "1";

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getSidecarLabel() {
        return sidecarLabel;
    }

    public void setSidecarLabel(String sidecarLabel) {
        this.sidecarLabel = sidecarLabel;
    }

    public String getSidecarLabelValue() {
        return sidecarLabelValue;
    }

    public void setSidecarLabelValue(String sidecarLabelValue) {
        this.sidecarLabelValue = sidecarLabelValue;
    }
}
