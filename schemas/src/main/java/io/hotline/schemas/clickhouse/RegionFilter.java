package io.hotline.schemas.clickhouse;

import io.hotline.schemas.events.Line;
import io.hotline.schemas.reference.Region;
import java.time.LocalDate;

/**
 * The SQL condition "this line, this region, these days" over the product's tables keyed by {@code
 * (line, province, center, day…)}. Values come only from {@link Line} and the region table, never
 * from a request, so nothing here needs escaping.
 */
public final class RegionFilter {
  private RegionFilter() {}

  /**
   * The condition on {@code column} (a Date column such as {@code day} or {@code month}) between
   * two days inclusive, for the line and region.
   */
  public static String where(
      Line line, Region region, String column, LocalDate from, LocalDate to) {
    String days =
        column + " BETWEEN '" + from + "' AND '" + to + "' AND line = '" + line.number() + "'";
    return switch (region.level()) {
      case NATION -> days;
      case PROVINCE -> days + " AND province = '" + region.code() + "'";
      // The province too, so the tables' key (line, province, center, …) narrows the scan.
      case CITY ->
          days
              + " AND province = '"
              + region.provinceCode()
              + "' AND center = '"
              + region.code()
              + "'";
    };
  }
}
