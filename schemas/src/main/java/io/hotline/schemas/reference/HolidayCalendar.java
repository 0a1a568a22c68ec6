package io.hotline.schemas.reference;

import java.io.IOException;
import java.io.Reader;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * China's statutory working-day calendar (国务院办公厅 holiday notices), loaded once from {@code
 * reference/holidays.csv}: which days are statutory days off and which weekend days are adjusted
 * working days (调休上班). Human agents work on working days only, and voicemail must be answered
 * within three working days. Immutable and safe to share between threads.
 */
public final class HolidayCalendar {
  static final String RESOURCE = "reference/holidays.csv";
  static final String VERSION = "holidays-2023-2026.1";
  private static final List<String> HEADER = List.of("date", "kind", "name");
  private static final Set<String> HOLIDAY_NAMES =
      Set.of("元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节");

  private enum Kind {
    HOLIDAY,
    WORKDAY
  }

  private record Day(Kind kind, String name) {}

  private final String version;
  private final Map<LocalDate, Day> days;
  private final Set<Integer> years;
  private final int firstYear;
  private final int lastYear;

  private HolidayCalendar(String version, Map<LocalDate, Day> days) {
    this.version = version;
    this.days = days;
    TreeSet<Integer> yearSet = new TreeSet<>();
    days.keySet().forEach(date -> yearSet.add(date.getYear()));
    this.years = Set.copyOf(yearSet);
    this.firstYear = yearSet.first();
    this.lastYear = yearSet.last();
  }

  /** The bundled calendar, read from the classpath on first use and shared afterwards. */
  public static HolidayCalendar standard() {
    return Standard.INSTANCE;
  }

  // Holder idiom: the JVM's class initialisation makes the one-time load thread-safe.
  private static final class Standard {
    static final HolidayCalendar INSTANCE =
        fromRows(RESOURCE, CsvResource.fromClasspath(RESOURCE, HEADER), VERSION);
  }

  /** Parses a calendar in the {@code holidays.csv} format; used by tests to feed broken data. */
  static HolidayCalendar parse(String source, Reader reader, String version) throws IOException {
    return fromRows(source, CsvResource.read(source, reader, HEADER), version);
  }

  private static HolidayCalendar fromRows(
      String source, List<CsvResource.Row> rows, String version) {
    if (rows.isEmpty()) {
      throw new ReferenceDataException(source + ": no dates");
    }
    Map<LocalDate, Day> days = new HashMap<>();
    for (CsvResource.Row row : rows) {
      LocalDate date = parseDate(row);
      Day day = toDay(row, date);
      if (days.putIfAbsent(date, day) != null) {
        throw row.error("date " + date + " is listed twice");
      }
    }
    return new HolidayCalendar(version, days);
  }

  private static LocalDate parseDate(CsvResource.Row row) {
    try {
      return LocalDate.parse(row.get(0));
    } catch (DateTimeException e) {
      throw row.error("date '" + row.get(0) + "' is not an ISO date (yyyy-MM-dd)");
    }
  }

  private static Day toDay(CsvResource.Row row, LocalDate date) {
    String name = row.get(2);
    if (!HOLIDAY_NAMES.contains(name)) {
      throw row.error("name '" + name + "' is not one of " + HOLIDAY_NAMES);
    }
    switch (row.get(1)) {
      case "holiday":
        return new Day(Kind.HOLIDAY, name);
      case "workday":
        // An adjusted working day on a weekday would change nothing: it is a typo in the file.
        if (!isWeekend(date)) {
          throw row.error("workday " + date + " is a " + date.getDayOfWeek() + ", not a weekend");
        }
        return new Day(Kind.WORKDAY, name);
      default:
        throw row.error("kind '" + row.get(1) + "' is neither 'holiday' nor 'workday'");
    }
  }

  private static boolean isWeekend(LocalDate date) {
    DayOfWeek dow = date.getDayOfWeek();
    return dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY;
  }

  /**
   * Whether people work on this date: an adjusted working day does, a statutory day off does not,
   * and otherwise Monday to Friday do. Outside the covered years this is plain Monday to Friday;
   * check {@link #covers(LocalDate)} where that matters.
   */
  public boolean isWorkingDay(LocalDate date) {
    Day day = days.get(date);
    if (day != null) {
      return day.kind() == Kind.WORKDAY;
    }
    return !isWeekend(date);
  }

  /** Whether the date is a day off of a statutory holiday period (an ordinary weekend is not). */
  public boolean isHoliday(LocalDate date) {
    Day day = days.get(date);
    return day != null && day.kind() == Kind.HOLIDAY;
  }

  /** The holiday's name (元旦, 春节, ...) when the date is a statutory day off. */
  public Optional<String> holidayName(LocalDate date) {
    Day day = days.get(date);
    return day != null && day.kind() == Kind.HOLIDAY ? Optional.of(day.name()) : Optional.empty();
  }

  /**
   * The date that is {@code n} working days after {@code start}, e.g. the deadline for answering a
   * voicemail left on {@code start}. {@code start} itself does not count, whether or not it is a
   * working day; {@code n = 0} returns {@code start}, and a negative {@code n} counts backwards.
   */
  public LocalDate addWorkingDays(LocalDate start, int n) {
    int step = n >= 0 ? 1 : -1;
    // long: Math.abs(Integer.MIN_VALUE) would stay negative.
    long remaining = Math.abs((long) n);
    LocalDate date = start;
    while (remaining > 0) {
      date = date.plusDays(step);
      if (isWorkingDay(date)) {
        remaining--;
      }
    }
    return date;
  }

  /** Whether the date's year is in the calendar file, so that its holidays are known. */
  public boolean covers(LocalDate date) {
    return years.contains(date.getYear());
  }

  /** The first year the file covers. */
  public int firstYear() {
    return firstYear;
  }

  /** The last year the file covers. */
  public int lastYear() {
    return lastYear;
  }

  /** The version of the bundled calendar, as recorded in the reference README. */
  public String version() {
    return version;
  }
}
