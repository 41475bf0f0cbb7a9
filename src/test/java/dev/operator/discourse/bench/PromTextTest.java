package dev.operator.discourse.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class PromTextTest {

    static final String BEFORE = """
            # HELP apiserver_request_total [STABLE] Counter of apiserver requests
            # TYPE apiserver_request_total counter
            apiserver_request_total{code="200",component="apiserver",dry_run="",group="apps",resource="statefulsets",scope="resource",subresource="",verb="GET",version="v1"} 4
            apiserver_request_total{code="409",component="apiserver",dry_run="",group="apps",resource="statefulsets",scope="resource",subresource="",verb="PATCH",version="v1"} 1
            apiserver_request_total{code="200",component="apiserver",dry_run="",group="",resource="pods",scope="namespace",subresource="",verb="LIST",version="v1"} 2
            apiserver_request_total_other{verb="GET"} 99
            apiserver_request_duration_seconds_bucket{verb="GET",le="0.1"} 5
            """;

    static final String AFTER = """
            apiserver_request_total{code="200",component="apiserver",dry_run="",group="apps",resource="statefulsets",scope="resource",subresource="",verb="GET",version="v1"} 10
            apiserver_request_total{code="200",component="apiserver",dry_run="",group="apps",resource="statefulsets",scope="resource",subresource="",verb="PATCH",version="v1"} 3
            apiserver_request_total{code="409",component="apiserver",dry_run="",group="apps",resource="statefulsets",scope="resource",subresource="",verb="PATCH",version="v1"} 1
            apiserver_request_total{code="200",component="apiserver",dry_run="",group="",resource="pods",scope="namespace",subresource="",verb="LIST",version="v1"} 2
            """;

    @Test
    void readsOnlyTheNamedFamilyWithItsLabels() {
        var samples = PromText.samples(BEFORE, "apiserver_request_total");
        assertThat(samples).hasSize(3);
        assertThat(samples).containsEntry(Map.of("code", "200", "component", "apiserver", "dry_run", "", "group",
                "apps", "resource", "statefulsets", "scope", "resource", "subresource", "", "verb", "GET",
                "version", "v1"), 4.0);
    }

    @Test
    void sumsByVerbAndResourceAcrossCodes() {
        var sums = PromText.sumBy(PromText.samples(AFTER, "apiserver_request_total"), "verb", "resource", "subresource");
        assertThat(sums).containsExactlyInAnyOrderEntriesOf(Map.of(
                "GET statefulsets -", 10.0, "PATCH statefulsets -", 4.0, "LIST pods -", 2.0));
    }

    @Test
    void theDiffKeepsOnlyWhatMovedBetweenScrapes() {
        var before = PromText.sumBy(PromText.samples(BEFORE, "apiserver_request_total"), "verb", "resource");
        var after = PromText.sumBy(PromText.samples(AFTER, "apiserver_request_total"), "verb", "resource");
        assertThat(PromText.diff(before, after)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "GET statefulsets", 6.0, "PATCH statefulsets", 3.0));
    }

    @Test
    void labelValuesMayHoldEscapedQuotesAndCommas() {
        var samples = PromText.samples("m{a=\"x\\\"y,z\",b=\"2\"} 1.5e3\n", "m");
        assertThat(samples).containsEntry(Map.of("a", "x\"y,z", "b", "2"), 1500.0);
    }
}
