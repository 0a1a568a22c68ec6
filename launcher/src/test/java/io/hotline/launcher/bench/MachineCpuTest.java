package io.hotline.launcher.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MachineCpuTest {
  private static List<String> stat(String all) {
    return List.of(
        all, "cpu0 1 0 1 1 0 0 0 0 0 0", "cpu1 1 0 1 1 0 0 0 0 0 0", "intr 123 0 0", "ctxt 456");
  }

  @Test
  void busyIsAllButIdleAndIoWait_countedInCores() {
    // user nice system idle iowait irq softirq steal guest guest_nice
    MachineCpu.Sample before = MachineCpu.parse(stat("cpu  100 10 50 800 40 5 5 0 30 0"));
    MachineCpu.Sample after = MachineCpu.parse(stat("cpu  250 10 100 850 40 10 10 0 90 0"));

    assertThat(before.busy()).isEqualTo(170);
    assertThat(before.total()).isEqualTo(1010);
    assertThat(before.cores()).isEqualTo(2);
    // 210 busy ticks of 260: both cores 81 % busy, 1.6 cores on average.
    assertThat(after.busyCoresSince(before)).isCloseTo(2 * 210.0 / 260, within());
  }

  @Test
  void anIdleMachineKeepsNoCoreBusy_andNoTimeGivesNoFigure() {
    MachineCpu.Sample before = MachineCpu.parse(stat("cpu  100 0 50 800 0 0 0 0 0 0"));
    MachineCpu.Sample idle = MachineCpu.parse(stat("cpu  100 0 50 900 0 0 0 0 0 0"));
    assertThat(idle.busyCoresSince(before)).isZero();
    assertThat(before.busyCoresSince(before)).isNaN();
  }

  @Test
  void aFileThatIsNotProcStatIsRefused() {
    assertThatThrownBy(() -> MachineCpu.parse(List.of("intr 1 2 3 4 5 6 7 8 9")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("intr");
  }

  @Test
  void thisMachinesFiguresAreReadWhereThereIsAProcStat() {
    MachineCpu.Sample now = MachineCpu.sample();
    if (now != null) {
      // Not compared with availableProcessors(): a container's CPU quota may lower that.
      assertThat(now.cores()).isPositive();
      assertThat(now.busy()).isPositive().isLessThan(now.total());
    }
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-9);
  }
}
