package io.hotline.launcher.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hotline.launcher.UserError;
import io.hotline.schemas.reference.HolidayCalendar;
import io.hotline.schemas.reference.Regions;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Choosing and sizing centres: the scales, the codes, and sizes that match the field numbers. */
class CentersTest {
  private static final Regions REGIONS = Regions.standard();

  @Test
  void nanjingIsSizedLikeTheRealCentre() {
    for (long seed = 1; seed <= 20; seed++) {
      Center nanjing = Centers.ofScale(Centers.Scale.CITY, seed, REGIONS).get(0);
      assertThat(nanjing.code()).isEqualTo("320100");
      assertThat(nanjing.base12333()).isBetween(3_600, 4_400);
      assertThat(nanjing.seats()).isBetween(40, 52);
      assertThat(nanjing.agents12333()).isLessThan(nanjing.seats());
      assertThat(nanjing.agentNumber(0)).isBetween(10_000, 99_999);
      assertThat(nanjing.agentNumber(nanjing.seats() - 1)).isBetween(10_000, 99_999);
    }
  }

  @Test
  void scalesCoverACityAProvinceAndTheNation() {
    assertThat(Centers.ofScale(Centers.Scale.CITY, 1, REGIONS)).hasSize(1);
    assertThat(Centers.ofScale(Centers.Scale.PROVINCE, 1, REGIONS))
        .hasSize(13)
        .allMatch(c -> c.provinceCode().equals("320000"));
    List<Center> nation = Centers.ofScale(Centers.Scale.NATION, 1, REGIONS);
    assertThat(nation)
        .hasSize(REGIONS.cities().size() + 1)
        .anyMatch(c -> c.code().equals("660000"));
  }

  @Test
  void smallCitiesAreSmallAndCapitalsLarge() {
    List<Center> nation = Centers.ofScale(Centers.Scale.NATION, 1, REGIONS);
    Center beijing = find(nation, "110100");
    assertThat(beijing.base12333()).isGreaterThan(8_000);
    assertThat(nation.stream().filter(c -> c.tier() == Center.Tier.PREFECTURE))
        .allMatch(c -> c.base12333() >= 150 && c.base12333() <= 2_000)
        .allMatch(c -> c.seats() >= 2);
    double medianPrefecture =
        nation.stream()
            .filter(c -> c.tier() == Center.Tier.PREFECTURE)
            .mapToInt(Center::base12333)
            .sorted()
            .skip(145)
            .findFirst()
            .orElseThrow();
    assertThat(medianPrefecture).isBetween(250.0, 800.0);
  }

  @Test
  void nationalVolumeIsAboutAHundredMillionCallsAYear() {
    List<Center> nation = Centers.ofScale(Centers.Scale.NATION, 1, REGIONS);
    Demand demand = new Demand(HolidayCalendar.standard());
    double factor = 0;
    for (LocalDate d = LocalDate.of(2025, 1, 1); d.getYear() == 2025; d = d.plusDays(1)) {
      factor += demand.factor12333(d) + demand.factor12370(d) + demand.factor12385(d);
    }
    double calls = factor * nation.stream().mapToInt(Center::base12333).sum();
    assertThat(calls).isBetween(0.8e8, 1.3e8);
  }

  @Test
  void sizesDependOnSeedButAreStableForOne() {
    assertThat(Centers.ofScale(Centers.Scale.PROVINCE, 9, REGIONS))
        .isEqualTo(Centers.ofScale(Centers.Scale.PROVINCE, 9, REGIONS))
        .isNotEqualTo(Centers.ofScale(Centers.Scale.PROVINCE, 10, REGIONS));
  }

  @Test
  void unknownCodesAreRefusedWithTheCode() {
    assertThatThrownBy(() -> Centers.ofCodes("320100, 329900", 1, REGIONS))
        .isInstanceOf(UserError.class)
        .hasMessage(
            "unknown centre code '329900': give GB/T 2260 city or province codes such as 320100"
                + " or 320000.");
    assertThatThrownBy(() -> Centers.ofCodes(" , ", 1, REGIONS))
        .isInstanceOf(UserError.class)
        .hasMessageStartingWith("--centers names no centre");
  }

  private static Center find(List<Center> centers, String code) {
    return centers.stream().filter(c -> c.code().equals(code)).findFirst().orElseThrow();
  }
}
