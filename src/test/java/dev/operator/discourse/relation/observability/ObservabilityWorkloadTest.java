package dev.operator.discourse.relation.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.operator.discourse.api.v1alpha1.ObservabilityRelation;
import dev.operator.discourse.relation.observability.ObservabilityPlan.Dashboards;
import dev.operator.discourse.relation.observability.ObservabilityPlan.Scrape;
import dev.operator.discourse.testsupport.GoldenFiles;
import dev.operator.discourse.workload.RelationEnv;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.Serialization;

/** The relation's fields on the workload: scrape annotations only without a PodMonitor, env only when asked. */
class ObservabilityWorkloadTest {

    private static ObservabilityPlan plan(Scrape scrape) {
        return new ObservabilityPlan(scrape, false, Dashboards.CONFIG_MAP, true, List.of(), false);
    }

    @Test
    void annotationsAndTrustedIpsAsApplied() {
        ObservabilityRelation r = TestObservabilityRelations.relation("obs", "forum");
        r.getSpec().getPrometheus().setTrustedIpAllowlistRegex("^100\\.(6[4-9]|[7-9][0-9]|1[01][0-9]|12[0-7])\\.");
        GoldenFiles.assertMatches("observability-workload-intent.yaml",
                Serialization.asYaml(ObservabilityWorkload.intent(r, plan(Scrape.ANNOTATIONS))));
    }

    @Test
    void withAPodMonitorTheAnnotationsGoSoPrometheusDoesNotScrapeTwice() {
        ObservabilityRelation r = TestObservabilityRelations.relation("obs", "forum");
        StatefulSet intent = ObservabilityWorkload.intent(r, plan(Scrape.POD_MONITOR));
        assertThat(intent.getSpec()).as("an empty intent: the relation owns no workload field").isNull();
        assertThat(ObservabilityWorkload.annotations(plan(Scrape.ANNOTATIONS)))
                .containsExactly(java.util.Map.entry("prometheus.io/scrape", "true"),
                        java.util.Map.entry("prometheus.io/port", "3000"),
                        java.util.Map.entry("prometheus.io/path", "/metrics"));
    }

    @Test
    void theTrustedIpRegexIsSetOnlyWhenGivenAndWhileScraping() {
        ObservabilityRelation r = TestObservabilityRelations.relation("obs", "forum");
        assertThat(ObservabilityWorkload.env(r.getSpec().getPrometheus(), plan(Scrape.POD_MONITOR))).isEmpty();
        r.getSpec().getPrometheus().setTrustedIpAllowlistRegex("^203\\.0\\.113\\.");
        assertThat(ObservabilityWorkload.env(r.getSpec().getPrometheus(), plan(Scrape.POD_MONITOR)))
                .extracting(e -> e.getName() + "=" + e.getValue())
                .containsExactly("DISCOURSE_PROMETHEUS_TRUSTED_IP_ALLOWLIST_REGEX=^203\\.0\\.113\\.");
        assertThat(ObservabilityWorkload.env(r.getSpec().getPrometheus(), plan(Scrape.DISABLED))).isEmpty();
        StatefulSet intent = ObservabilityWorkload.intent(r, plan(Scrape.DISABLED));
        assertThat(intent.getSpec()).isNull();
    }

    @Test
    void theInstanceMayNotTakeThePluginsEnvThroughExtraEnv() {
        assertThat(RelationEnv.isRelationOwned(ObservabilityWorkload.TRUSTED_IP_ENV)).isTrue();
    }
}
