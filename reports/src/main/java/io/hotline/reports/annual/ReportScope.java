package io.hotline.reports.annual;

import io.hotline.reports.ReportError;
import io.hotline.schemas.reference.Region;
import io.hotline.schemas.reference.RegionLevel;
import io.hotline.schemas.reference.Regions;
import java.util.List;
import java.util.Set;

/**
 * The area an annual report covers: one province (its cities are the units of its tables) or the
 * nation (the provinces are the units).
 */
public record ReportScope(Region region, boolean national) {
  // Municipalities and the XPCC have a bureau (局), provinces and regions a department (厅).
  private static final Set<String> BUREAUS =
      Set.of("110000", "120000", "310000", "500000", "660000");

  /** A province's report; the code must be a province of the GB/T 2260 table. */
  public static ReportScope province(String code, Regions regions) {
    Region region =
        regions
            .find(code)
            .orElseThrow(
                () ->
                    new ReportError(
                        "unknown province code '"
                            + code
                            + "': give a GB/T 2260 province code such as 320000 (江苏省)."));
    if (region.level() != RegionLevel.PROVINCE) {
      throw new ReportError(
          code
              + " ("
              + region.name()
              + ") is not a province: give its province code "
              + Regions.provinceOf(code)
              + ", or --national for the whole country.");
    }
    return new ReportScope(region, false);
  }

  public static ReportScope nation(Regions regions) {
    return new ReportScope(regions.find(Regions.NATION).orElseThrow(), true);
  }

  public String code() {
    return region.code();
  }

  public String name() {
    return region.name();
  }

  /** What one row of the regional tables is: 城市 in a province report, 省份 in the national one. */
  public String unitLabel() {
    return national ? "省份" : "城市";
  }

  /** The units this scope should have data for, in code order. */
  public List<Region> expectedUnits(Regions regions) {
    if (national) {
      return regions.provinces();
    }
    List<Region> cities = regions.citiesOf(code());
    return cities.isEmpty() ? List.of(region) : cities;
  }

  /** The office that files the report. */
  public String issuer() {
    if (national) {
      return "人力资源和社会保障部";
    }
    return name() + "人力资源和社会保障" + (BUREAUS.contains(code()) ? "局" : "厅");
  }
}
