package io.hotline.schemas.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class HolidayCalendarTest {
  private static final HolidayCalendar CALENDAR = HolidayCalendar.standard();

  private static LocalDate day(String iso) {
    return LocalDate.parse(iso);
  }

  /** Every date from {@code first} to {@code last} inclusive is a day off named {@code name}. */
  private static void assertHolidayPeriod(String name, String first, String last) {
    LocalDate end = day(last);
    for (LocalDate d = day(first); !d.isAfter(end); d = d.plusDays(1)) {
      assertThat(CALENDAR.isHoliday(d)).as("%s is a holiday", d).isTrue();
      assertThat(CALENDAR.isWorkingDay(d)).as("%s is not a working day", d).isFalse();
      assertThat(CALENDAR.holidayName(d)).as("name of %s", d).hasValue(name);
    }
    // The days around the period are not part of it.
    assertThat(CALENDAR.holidayName(day(first).minusDays(1)))
        .isNotEqualTo(CALENDAR.holidayName(day(first)));
    assertThat(CALENDAR.holidayName(end.plusDays(1))).isNotEqualTo(CALENDAR.holidayName(end));
  }

  private static void assertAdjustedWorkdays(String... dates) {
    for (String iso : dates) {
      LocalDate d = day(iso);
      assertThat(d.getDayOfWeek().getValue()).as("%s is a weekend day", d).isGreaterThan(5);
      assertThat(CALENDAR.isWorkingDay(d)).as("%s is a working day", d).isTrue();
      assertThat(CALENDAR.isHoliday(d)).isFalse();
      assertThat(CALENDAR.holidayName(d)).isEmpty();
    }
  }

  @Test
  void calendar2023() {
    assertHolidayPeriod("元旦", "2023-01-01", "2023-01-02");
    assertHolidayPeriod("春节", "2023-01-21", "2023-01-27");
    assertHolidayPeriod("清明节", "2023-04-05", "2023-04-05");
    assertHolidayPeriod("劳动节", "2023-04-29", "2023-05-03");
    assertHolidayPeriod("端午节", "2023-06-22", "2023-06-24");
    assertHolidayPeriod("中秋节", "2023-09-29", "2023-09-29");
    assertHolidayPeriod("国庆节", "2023-09-30", "2023-10-06");
    assertAdjustedWorkdays(
        "2023-01-28",
        "2023-01-29",
        "2023-04-23",
        "2023-05-06",
        "2023-06-25",
        "2023-10-07",
        "2023-10-08");
  }

  @Test
  void calendar2024() {
    assertHolidayPeriod("元旦", "2024-01-01", "2024-01-01");
    assertHolidayPeriod("春节", "2024-02-10", "2024-02-17");
    assertHolidayPeriod("清明节", "2024-04-04", "2024-04-06");
    assertHolidayPeriod("劳动节", "2024-05-01", "2024-05-05");
    assertHolidayPeriod("端午节", "2024-06-10", "2024-06-10");
    assertHolidayPeriod("中秋节", "2024-09-15", "2024-09-17");
    assertHolidayPeriod("国庆节", "2024-10-01", "2024-10-07");
    assertAdjustedWorkdays(
        "2024-02-04",
        "2024-02-18",
        "2024-04-07",
        "2024-04-28",
        "2024-05-11",
        "2024-09-14",
        "2024-09-29",
        "2024-10-12");
    // New Year's Eve 2024 (a Friday) was only "encouraged" off, not a statutory day off.
    assertThat(CALENDAR.isWorkingDay(day("2024-02-09"))).isTrue();
  }

  @Test
  void calendar2025() {
    assertHolidayPeriod("元旦", "2025-01-01", "2025-01-01");
    assertHolidayPeriod("春节", "2025-01-28", "2025-02-04");
    assertHolidayPeriod("清明节", "2025-04-04", "2025-04-06");
    assertHolidayPeriod("劳动节", "2025-05-01", "2025-05-05");
    assertHolidayPeriod("端午节", "2025-05-31", "2025-06-02");
    assertHolidayPeriod("国庆节", "2025-10-01", "2025-10-05");
    assertHolidayPeriod("中秋节", "2025-10-06", "2025-10-06");
    assertHolidayPeriod("国庆节", "2025-10-07", "2025-10-08");
    assertAdjustedWorkdays("2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11");
  }

  @Test
  void calendar2026() {
    assertHolidayPeriod("元旦", "2026-01-01", "2026-01-03");
    assertHolidayPeriod("春节", "2026-02-15", "2026-02-23");
    assertHolidayPeriod("清明节", "2026-04-04", "2026-04-06");
    assertHolidayPeriod("劳动节", "2026-05-01", "2026-05-05");
    assertHolidayPeriod("端午节", "2026-06-19", "2026-06-21");
    assertHolidayPeriod("中秋节", "2026-09-25", "2026-09-27");
    assertHolidayPeriod("国庆节", "2026-10-01", "2026-10-07");
    assertAdjustedWorkdays(
        "2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10");
  }

  @Test
  void ordinaryDaysFollowTheWeek() {
    assertThat(CALENDAR.isWorkingDay(day("2025-03-14"))).isTrue(); // Friday
    assertThat(CALENDAR.isWorkingDay(day("2025-03-15"))).isFalse(); // Saturday
    assertThat(CALENDAR.isHoliday(day("2025-03-15"))).isFalse(); // a weekend is not a holiday
    assertThat(CALENDAR.holidayName(day("2025-03-15"))).isEmpty();
  }

  @Test
  void addWorkingDaysSkipsTheNationalDayHoliday() {
    LocalDate lastDayBefore = day("2025-09-30"); // Tuesday; 10/1-10/8 off, Sat 10/11 works
    assertThat(CALENDAR.addWorkingDays(lastDayBefore, 1)).isEqualTo(day("2025-10-09"));
    assertThat(CALENDAR.addWorkingDays(lastDayBefore, 3)).isEqualTo(day("2025-10-11"));
    assertThat(CALENDAR.addWorkingDays(day("2025-10-03"), 3)).isEqualTo(day("2025-10-11"));
    assertThat(CALENDAR.addWorkingDays(day("2025-09-26"), 1)).isEqualTo(day("2025-09-28"));
    assertThat(CALENDAR.addWorkingDays(day("2025-10-09"), -1)).isEqualTo(lastDayBefore);
  }

  @Test
  void addWorkingDaysSkipsAWeekend() {
    assertThat(CALENDAR.addWorkingDays(day("2025-03-14"), 1)).isEqualTo(day("2025-03-17"));
    assertThat(CALENDAR.addWorkingDays(day("2025-03-14"), 3)).isEqualTo(day("2025-03-19"));
    assertThat(CALENDAR.addWorkingDays(day("2025-03-15"), 1)).isEqualTo(day("2025-03-17"));
    assertThat(CALENDAR.addWorkingDays(day("2025-03-15"), 0)).isEqualTo(day("2025-03-15"));
    assertThat(CALENDAR.addWorkingDays(day("2025-03-17"), -1)).isEqualTo(day("2025-03-14"));
  }

  @Test
  void coversTheYearsInTheFileAndFallsBackToTheWeekOutside() {
    assertThat(CALENDAR.firstYear()).isEqualTo(2023);
    assertThat(CALENDAR.lastYear()).isEqualTo(2026);
    assertThat(CALENDAR.covers(day("2023-01-01"))).isTrue();
    assertThat(CALENDAR.covers(day("2026-12-31"))).isTrue();
    assertThat(CALENDAR.covers(day("2022-12-31"))).isFalse();
    assertThat(CALENDAR.covers(day("2027-01-01"))).isFalse();
    // 2027-01-01 is a Friday: outside the file it is simply a working day.
    assertThat(CALENDAR.isWorkingDay(day("2027-01-01"))).isTrue();
    assertThat(CALENDAR.isHoliday(day("2027-01-01"))).isFalse();
    assertThat(CALENDAR.addWorkingDays(day("2027-01-01"), 1)).isEqualTo(day("2027-01-04"));
  }

  @Test
  void standardIsLoadedOnceAndVersioned() {
    assertThat(HolidayCalendar.standard()).isSameAs(CALENDAR);
    assertThat(CALENDAR.version()).isEqualTo(HolidayCalendar.VERSION);
  }

  @Test
  void malformedLinesFailWithFileAndLine() {
    String header = "date,kind,name\n";
    assertParseFails(header + "2025-01-01,holiday,元旦\n2025-02-30,holiday,春节\n", "h.csv:3: date");
    assertParseFails(header + "2025-01-01,holiday,元旦\n2025-01-02,workday,元旦\n", "h.csv:3: workday");
    assertParseFails(header + "2025-01-01,day-off,元旦\n", "h.csv:2: kind 'day-off'");
    assertParseFails(header + "2025-01-01,holiday,新年\n", "h.csv:2: name '新年'");
    assertParseFails(header + "2025-01-01,holiday,元旦\n2025-01-01,holiday,元旦\n", "h.csv:3: date");
    assertParseFails(header + "2025-01-01,holiday,元旦,extra\n", "h.csv:2: expected 3 columns");
    assertParseFails(header, "h.csv: no dates");
  }

  private static void assertParseFails(String csv, String message) {
    assertThatThrownBy(() -> HolidayCalendar.parse("h.csv", new StringReader(csv), "test"))
        .isInstanceOf(ReferenceDataException.class)
        .hasMessageStartingWith(message);
  }
}
