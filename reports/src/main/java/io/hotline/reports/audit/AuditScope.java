package io.hotline.reports.audit;

import io.hotline.reports.ReportError;
import io.hotline.schemas.reference.Region;
import io.hotline.schemas.reference.RegionLevel;
import io.hotline.schemas.reference.Regions;

/** Whose calls an audit covers: the nation, one province's centres, or one centre. */
public record AuditScope(Region region) {
  public static AuditScope of(String province, String center, Regions regions) {
    if (province != null && center != null) {
      throw new ReportError("give --province or --center, not both");
    }
    if (province == null && center == null) {
      return new AuditScope(regions.find(Regions.NATION).orElseThrow());
    }
    String code = province != null ? province : center;
    Region r =
        regions.find(code).orElseThrow(() -> new ReportError("unknown region code '" + code + "'"));
    RegionLevel want = province != null ? RegionLevel.PROVINCE : RegionLevel.CITY;
    if (r.level() != want && !(center != null && regions.isCenter(code))) {
      throw new ReportError(
          code
              + " ("
              + r.name()
              + ") is not a "
              + (province != null ? "province" : "centre")
              + " code");
    }
    return new AuditScope(r);
  }

  public boolean national() {
    return region.level() == RegionLevel.NATION;
  }

  /** The SQL condition on a table with province and center columns (codes come from the table). */
  String where() {
    return switch (region.level()) {
      case NATION -> "1";
      case PROVINCE -> "province = '" + region.code() + "'";
      default -> "center = '" + region.code() + "'";
    };
  }

  /** Whether a centre belongs to this scope. */
  boolean contains(String center) {
    return switch (region.level()) {
      case NATION -> true;
      case PROVINCE -> Regions.provinceOf(center).equals(region.code());
      default -> region.code().equals(center);
    };
  }

  public String code() {
    return region.code();
  }
}
