package dev.operator.discourse.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;

/** Cookie session affinity, as the charm asked of its nginx ingress. */
public class SessionAffinitySpec {

    @Default("true")
    @JsonPropertyDescription("Keep a browser on one pod with a cookie (nginx annotations).")
    private boolean enabled = true;

    @Default("3600")
    @Min(1)
    @Max(31536000)
    @JsonPropertyDescription("Lifetime of the affinity cookie in seconds.")
    private int maxAgeSeconds = 3600;

    @Pattern("^[A-Za-z0-9_-]+$")
    @JsonPropertyDescription("Name of the affinity cookie; defaults to <instance>_AFFINITY.")
    private String cookieName;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public int getMaxAgeSeconds() {
        return maxAgeSeconds;
    }

    public void setMaxAgeSeconds(int maxAgeSeconds) {
        this.maxAgeSeconds = maxAgeSeconds;
    }

    public String getCookieName() {
        return cookieName;
    }

    public void setCookieName(String cookieName) {
        this.cookieName = cookieName;
    }
}
