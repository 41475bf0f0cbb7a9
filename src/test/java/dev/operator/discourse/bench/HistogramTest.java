package dev.operator.discourse.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HistogramTest {

    static final String JCMD = """
            12345:
             num     #instances         #bytes  class name (module)
            -------------------------------------------------------
               1:       2100000      180000000  [B (java.base@17.0.15)
               2:       1900000       45600000  java.lang.String (java.base@17.0.15)
               3:         81000       12960000  io.fabric8.kubernetes.api.model.EnvVar
            Total       4081000      238560000
            """;

    @Test
    void readsTheLargestClassesInOrderAndTheLiveTotal() {
        var rows = Histogram.top(JCMD, 2);
        assertThat(rows).containsExactly(new Histogram.Row(1, 2100000, 180000000, "[B"),
                new Histogram.Row(2, 1900000, 45600000, "java.lang.String"));
        assertThat(Histogram.totalBytes(JCMD)).isEqualTo(238560000L);
    }

    @Test
    void countsTheLiveObjectsOfOneClassByItsExactName() {
        assertThat(Histogram.instancesOf(JCMD, "io.fabric8.kubernetes.api.model.EnvVar")).isEqualTo(81000L);
        assertThat(Histogram.instancesOf(JCMD, "io.fabric8.kubernetes.api.model.Env")).isZero();
        assertThat(Histogram.instancesOf(JCMD, "io.fabric8.kubernetes.api.model.Secret")).isZero();
    }

    @Test
    void anErrorFromJcmdHasNoRowsAndNoTotal() {
        assertThat(Histogram.top("12345:\ncom.sun.tools.attach.AttachNotSupportedException: Unable to open socket", 5))
                .isEmpty();
        assertThat(Histogram.totalBytes("error")).isEqualTo(-1);
    }
}
