package dev.operator.discourse.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.ValidationRule;

@ValidationRule(value = "!self.enabled || self.augment || (has(self.origin) && self.origin != '')",
        message = "cors.origin must name the allowed origins when cors.augment is false, or no origin would be allowed")
@ValidationRule(value = "!has(self.origin) || !self.origin.matches('(^|,) *[*] *(,|$)')",
        message = "cors.origin '*' is not a wildcard in Discourse, which compares each origin literally: list the origins")
public class CorsSpec {

    @Default("true")
    @JsonPropertyDescription("Enable Cross-Origin Resource Sharing (DISCOURSE_ENABLE_CORS). The charm's enable_cors.")
    private boolean enabled = true;

    @JsonPropertyDescription("Comma-separated allowed origins, such as https://app.example.com (the charm's cors_origin). Discourse compares each literally, so '*' is refused.")
    private String origin;

    @Default("true")
    @JsonPropertyDescription("Add the site's own URL and the S3 CDN URL to the allowed origins (the charm's augment_cors_origin).")
    private boolean augment = true;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getOrigin() {
        return origin;
    }

    public void setOrigin(String origin) {
        this.origin = origin;
    }

    public boolean isAugment() {
        return augment;
    }

    public void setAugment(boolean augment) {
        this.augment = augment;
    }
}
