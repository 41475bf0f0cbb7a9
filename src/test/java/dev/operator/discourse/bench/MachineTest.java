package dev.operator.discourse.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MachineTest {

    @Test
    void readsTheCpuModelAndMemoryFromProcText() {
        String cpuinfo = "processor\t: 0\nvendor_id\t: GenuineIntel\nmodel name\t: Intel(R) Xeon(R) CPU @ 2.20GHz\n"
                + "processor\t: 1\nmodel name\t: Intel(R) Xeon(R) CPU @ 2.20GHz\n";
        assertThat(Machine.cpuModel(cpuinfo)).contains("Intel(R) Xeon(R) CPU @ 2.20GHz");
        assertThat(Machine.kb("MemTotal:       24567892 kB\nMemFree: 1 kB\n", "MemTotal")).contains(24567892L);
        assertThat(Machine.kb("Name:\tjava\nVmHWM:\t  301234 kB\nVmRSS:\t  298765 kB\n", "VmRSS")).contains(298765L);
        assertThat(Machine.kb("Name:\tjava\n", "VmRSS")).isEmpty();
    }

    @Test
    void cpuTicksAreUserPlusSystemEvenWhenTheCommandNameHasSpacesAndParentheses() {
        String stat = "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 51234 0 12 0 1500 250 7 3 20 0 42 0 100 9000000 "
                + "300000 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0";
        assertThat(Machine.cpuTicks(stat)).isEqualTo(1750);
    }

    @Test
    void growthIsOneForConstantCostPerInstanceAndBelowOneWhenFixedCostsAmortise() {
        assertThat(Machine.growthExponent(100, 10, 500, 50)).isCloseTo(1.0, within(1e-9));
        assertThat(Machine.growthExponent(10, 4, 100, 8)).isCloseTo(Math.log(2) / Math.log(10), within(1e-9));
        assertThat(Machine.growthExponent(100, 10, 500, 250)).isCloseTo(2.0, within(1e-9));
    }

    @Test
    void theLoadAverageIsTheFirstFieldOfProcLoadavg() {
        assertThat(MachineLine.loadAverage("1.46 1.94 4.28 2/345 6789\n")).isEqualTo("1.46");
        assertThat(MachineLine.loadAverage("")).isEqualTo("unknown");
    }
}
