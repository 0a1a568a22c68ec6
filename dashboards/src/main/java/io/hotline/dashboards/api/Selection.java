package io.hotline.dashboards.api;

import io.hotline.schemas.events.Line;
import io.hotline.schemas.reference.Region;
import io.hotline.schemas.reference.RegionLevel;
import io.hotline.schemas.reference.Regions;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * What a data request asks for — line, region, days — checked against the known codes before any of
 * it reaches SQL, so the SQL only ever holds values from the product's own tables of codes.
 */
public record Selection(Line line, Region region, LocalDate from, LocalDate to) {
  private static final int MAX_DAYS = 3_700;

  public static Selection of(Map<String, String> q, Regions regions) {
    Line line =
        Line.ofNumber(q.getOrDefault("line", "12333"))
            .orElseThrow(() -> new BadRequest("line must be 12333, 12370 or 12385"));
    String code = q.getOrDefault("region", Regions.NATION);
    Region region =
        regions.find(code).orElseThrow(() -> new BadRequest("unknown region code " + code));
    LocalDate from = date(q, "from");
    LocalDate to = date(q, "to");
    if (to.isBefore(from) || to.toEpochDay() - from.toEpochDay() > MAX_DAYS) {
      throw new BadRequest("from must not be after to, and the range at most ten years");
    }
    return new Selection(line, region, from, to);
  }

  private static LocalDate date(Map<String, String> q, String key) {
    String v = q.get(key);
    if (v == null) {
      throw new BadRequest(key + " is required (YYYY-MM-DD)");
    }
    try {
      return LocalDate.parse(v);
    } catch (DateTimeParseException e) {
      throw new BadRequest(key + " must be a date YYYY-MM-DD");
    }
  }

  /** The SQL condition for the region; codes come from {@link Regions}, never from the request. */
  String where() {
    String days = "day BETWEEN '" + from + "' AND '" + to + "' AND line = '" + line.number() + "'";
    return switch (region.level()) {
      case NATION -> days;
      case PROVINCE -> days + " AND province = '" + region.code() + "'";
      default -> days + " AND center = '" + region.code() + "'";
    };
  }

  /** The column whose values are the region's children: provinces, cities, or the centre itself. */
  String childColumn() {
    return region.level() == RegionLevel.NATION ? "province" : "center";
  }
}
