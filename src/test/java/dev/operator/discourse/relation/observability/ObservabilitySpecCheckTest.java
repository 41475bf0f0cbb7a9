package dev.operator.discourse.relation.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import dev.operator.discourse.api.v1alpha1.DashboardDelivery;
import dev.operator.discourse.api.v1alpha1.ObservabilityRelation;
import dev.operator.discourse.api.v1alpha1.ObservabilityRelationSpec;
import dev.operator.discourse.api.v1alpha1.ScrapeMethod;
import io.fabric8.kubernetes.client.utils.Serialization;

class ObservabilitySpecCheckTest {

    private final ObservabilityRelationSpec spec = TestObservabilityRelations.relation("obs", "forum").getSpec();

    @Test
    void theDefaultsAreValid() {
        assertThat(ObservabilitySpecCheck.problems(spec)).isEmpty();
        assertThat(spec.getGrafana().getSidecarLabel()).isEqualTo("grafana_dashboard");
        assertThat(spec.getGrafana().getSidecarLabelValue()).isEqualTo("1");
        assertThat(spec.getLoki().getSidecarLabel()).isEqualTo("loki_rule");
        assertThat(spec.getLoki().getSidecarLabelValue()).isEqualTo("1");
    }

    @Test
    void aBrokenRegexIsReportedNotPassedToDiscourse() {
        spec.getPrometheus().setTrustedIpAllowlistRegex("^10\\.(");
        assertThat(ObservabilitySpecCheck.problems(spec)).singleElement().asString()
                .startsWith("prometheus.trustedIpAllowlistRegex is not a regular expression: Unclosed group");
    }

    @Test
    void sidecarLabelsMustBeSetAndNotTheOperatorsOwn() {
        spec.getGrafana().setSidecarLabel("app.kubernetes.io/component");
        spec.getLoki().setSidecarLabelValue(null);
        assertThat(ObservabilitySpecCheck.problems(spec)).containsExactly(
                "grafana.sidecarLabel must not be app.kubernetes.io/component: the operator sets that label itself",
                "loki.sidecarLabel and loki.sidecarLabelValue must both be set");
        spec.getGrafana().setEnabled(false);
        spec.getLoki().setEnabled(false);
        assertThat(ObservabilitySpecCheck.problems(spec)).as("a disabled part's labels do not matter").isEmpty();
    }

    @Test
    void theSampleIsAValidSpec() throws Exception {
        // Tests run from the module root, where the samples live.
        ObservabilityRelation sample = Serialization.unmarshal(
                Files.readString(Path.of("kubernetes", "samples", "observabilityrelation.yaml")), ObservabilityRelation.class);
        assertThat(sample.getSpec().instanceName()).isEqualTo("forum");
        assertThat(ObservabilitySpecCheck.problems(sample.getSpec())).isEmpty();
        assertThat(sample.getSpec().getPrometheus().getScrape()).isEqualTo(ScrapeMethod.AUTO);
        assertThat(sample.getSpec().getGrafana().getDelivery()).isEqualTo(DashboardDelivery.AUTO);
        assertThat(sample.getSpec().getPrometheus().getLabels()).containsEntry("release", "kube-prometheus-stack");
        assertThat(sample.getSpec().getGrafana().getInstanceSelector()).containsEntry("dashboards", "grafana");
    }
}
