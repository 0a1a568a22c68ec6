package io.hotline.dashboards.api;

import io.hotline.schemas.events.Line;
import io.hotline.schemas.reference.Region;
import io.hotline.schemas.reference.RegionLevel;
import io.hotline.schemas.reference.Regions;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
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
    return where("day", from, to);
  }

  /**
   * {@link #where()} for {@code metrics_minute}, whose key is (line, center, minute) without the
   * province: a province names its possible centres (itself, for a centralised one, and its
   * cities), so the key narrows the scan to them. The minutes' own range is added for the same
   * reason: the days alone select whole monthly partitions, and within each line and centre the key
   * then reads only the selected days' granules.
   */
  String minuteWhere() {
    String minutes =
        " AND minute >= toDateTime('"
            + from
            + " 00:00:00', 'Asia/Shanghai') AND minute < toDateTime('"
            + to.plusDays(1)
            + " 00:00:00', 'Asia/Shanghai')";
    if (region.level() != RegionLevel.PROVINCE) {
      return where() + minutes;
    }
    List<String> centers = new ArrayList<>(List.of("'" + region.code() + "'"));
    for (Region city : Regions.standard().citiesOf(region.code())) {
      centers.add("'" + city.code() + "'");
    }
    return where() + " AND center IN (" + String.join(", ", centers) + ")" + minutes;
  }

  private String where(String column, LocalDate first, LocalDate last) {
    return io.hotline.schemas.clickhouse.RegionFilter.where(line, region, column, first, last);
  }

  /**
   * The component rows of the selection as a subquery with columns {@code period, province,
   * center}, the components and {@code recordings_matched}: whole months from {@code
   * calls_monthly}, the days around them from {@code calls_daily}. A year is then 12 rows a centre
   * instead of 365, and the sums are the same (a month row is the sum of its days).
   *
   * @param dayPeriod the period expression over a daily row's {@code day}
   * @param monthPeriod the same over a monthly row's {@code month}, or null to read days only
   */
  String components(String dayPeriod, String monthPeriod) {
    return components(dayPeriod, monthPeriod, "recordings_matched");
  }

  /** The daily (and monthly) rows of the selection with their late-call counts. */
  String lateComponents() {
    return components("toString(day)", "toString(month)", "recordings_matched, late_calls");
  }

  private String components(String dayPeriod, String monthPeriod, String extraColumns) {
    String cols =
        "province, center, "
            + String.join(", ", io.hotline.schemas.metrics.CallCountsSql.COLUMNS)
            + ", "
            + extraColumns;
    LocalDate firstWhole = from.getDayOfMonth() == 1 ? from : from.withDayOfMonth(1).plusMonths(1);
    LocalDate lastWhole =
        to.plusDays(1).getDayOfMonth() == 1 ? to : to.withDayOfMonth(1).minusDays(1);
    List<String> parts = new ArrayList<>();
    if (monthPeriod != null && !firstWhole.isAfter(lastWhole)) {
      parts.add(
          "SELECT "
              + monthPeriod
              + " AS period, "
              + cols
              + " FROM calls_monthly FINAL WHERE "
              + where("month", firstWhole, lastWhole.withDayOfMonth(1)));
      if (from.isBefore(firstWhole)) {
        parts.add(daily(dayPeriod, cols, from, firstWhole.minusDays(1)));
      }
      if (to.isAfter(lastWhole)) {
        parts.add(daily(dayPeriod, cols, lastWhole.plusDays(1), to));
      }
    } else {
      parts.add(daily(dayPeriod, cols, from, to));
    }
    return "(" + String.join(" UNION ALL ", parts) + ")";
  }

  private String daily(String period, String cols, LocalDate first, LocalDate last) {
    return "SELECT "
        + period
        + " AS period, "
        + cols
        + " FROM calls_daily FINAL WHERE "
        + where("day", first, last);
  }

  /** The column whose values are the region's children: provinces, cities, or the centre itself. */
  String childColumn() {
    return region.level() == RegionLevel.NATION ? "province" : "center";
  }
}
