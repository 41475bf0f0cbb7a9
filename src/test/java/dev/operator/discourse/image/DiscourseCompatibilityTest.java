package dev.operator.discourse.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The plugin-compatibility rule on the files the pinned plugins had at their default branch heads. */
class DiscourseCompatibilityTest {

    static final String SAML = """
            < 2026.2.0-latest: 7d0fe944bf33aaaaaaaaaaaaaaaaaaaaaaaaaaaa
            < 3.6.0.beta2-dev: 1111111111111111111111111111111111111111
            < 3.6.0.beta1-dev: 3d1b2a212d0b10abf2ee2a6cfdc9865cd2311e69
            < 3.5.0.beta1-dev: 8a6584422222222222222222222222222222222a
            < 3.4.0.beta1-dev: 3333333333333333333333333333333333333333
            3.1.999: 4444444444444444444444444444444444444444
            2.7.8: 5555555555555555555555555555555555555555
            """;

    @Test
    void thePatchReleaseTakesTheEntryBeforeTheNextMinorsFirstBeta() {
        assertThat(DiscourseCompatibility.select(SAML, "3.5.2")).hasValue("3d1b2a212d0b10abf2ee2a6cfdc9865cd2311e69");
        assertThat(DiscourseCompatibility.select(SAML, "3.4.8")).hasValue("8a6584422222222222222222222222222222222a");
    }

    @Test
    void aBareVersionMeansUpToAndIncludingIt() {
        assertThat(DiscourseCompatibility.select(SAML, "3.1.999")).hasValue("4444444444444444444444444444444444444444");
        assertThat(DiscourseCompatibility.select(SAML, "2.7.8")).hasValue("5555555555555555555555555555555555555555");
        String markdownNote = """
                3.3.0: a0d7276360db732c2252507e207ebadd2ffc9fbe
                < 3.2.0.beta2: f4426d5929de067f123659dc690e9438a324817a
                """;
        assertThat(DiscourseCompatibility.select(markdownNote, "3.5.2")).as("no entry: the default branch head").isEmpty();
        assertThat(DiscourseCompatibility.select(markdownNote, "3.3.0")).hasValue("a0d7276360db732c2252507e207ebadd2ffc9fbe");
        assertThat(DiscourseCompatibility.select(markdownNote, "3.1.0")).hasValue("f4426d5929de067f123659dc690e9438a324817a");
    }

    @Test
    void betasOrderBelowTheirReleaseAndDevBelowTheBeta() {
        String signatures = """
                < 3.6.0.beta1-dev: 7d6b0623ec27e986182b2e245bfaf886b7faecb1
                < 3.5.0.beta8-dev: c0d69bd000000000000000000000000000000000
                < 3.5.0.beta5-dev: 9999999999999999999999999999999999999999
                """;
        assertThat(DiscourseCompatibility.select(signatures, "3.5.0.beta7")).hasValue("c0d69bd000000000000000000000000000000000");
        assertThat(DiscourseCompatibility.select(signatures, "3.5.2")).hasValue("7d6b0623ec27e986182b2e245bfaf886b7faecb1");
        assertThat(DiscourseCompatibility.compareVersions("3.6.0.beta1-dev", "3.6.0.beta1")).isNegative();
        assertThat(DiscourseCompatibility.compareVersions("3.6.0.beta1", "3.6.0")).isNegative();
        assertThat(DiscourseCompatibility.compareVersions("3.5.2", "3.5.2.0")).isZero();
    }

    @Test
    void aLineThatIsNoEntryIsAnError() {
        assertThatThrownBy(() -> DiscourseCompatibility.parse("main\n")).isInstanceOf(IllegalArgumentException.class);
    }
}
