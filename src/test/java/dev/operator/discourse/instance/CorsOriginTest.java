package dev.operator.discourse.instance;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The cases of REFERENCE.md §3, and the algorithm's edges. */
class CorsOriginTest {

    @Test
    void defaultsGiveTheAppNameOverHttp() {
        assertThat(CorsOrigin.compute("", true, "discourse-k8s", false, null)).isEqualTo("http://discourse-k8s");
    }

    @Test
    void userOriginEqualToTheSiteIsNotDuplicated() {
        assertThat(CorsOrigin.compute("https://foo.com", true, "foo.com", true, null)).isEqualTo("https://foo.com");
    }

    @Test
    void userOriginSiteAndCdnAreSortedAndJoined() {
        assertThat(CorsOrigin.compute("https://custom.origin", true, "example.com", true, "https://cdn.test"))
                .isEqualTo("https://cdn.test,https://custom.origin,https://example.com");
    }

    @Test
    void aStarAnywhereInTheListIsAWildcardDiscourseWouldNotHonour() {
        assertThat(CorsOrigin.hasWildcard("  *  ")).isTrue();
        assertThat(CorsOrigin.hasWildcard("https://a.test, *")).isTrue();
        assertThat(CorsOrigin.hasWildcard("https://*.a.test")).isFalse();
        assertThat(CorsOrigin.hasWildcard(null)).isFalse();
    }

    @Test
    void entriesAreTrimmedAndEmptiesDropped() {
        assertThat(CorsOrigin.compute(" https://b.test , ,https://a.test,https://b.test", false, "x", true, null))
                .isEqualTo("https://a.test,https://b.test");
    }

    @Test
    void nothingGivenAndNoAugmentIsEmpty() {
        assertThat(CorsOrigin.compute("", false, "example.com", true, "https://cdn.test")).isEmpty();
    }
}
