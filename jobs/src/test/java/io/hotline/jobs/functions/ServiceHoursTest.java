package io.hotline.jobs.functions;

import static io.hotline.jobs.testing.AlertCalls.china;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Service hours: sessions of working days, China time, with the holiday calendar. */
class ServiceHoursTest {
  private final ServiceHours hours =
      ServiceHours.parse("alerts.service-hours", "08:30-12:00,14:00-17:30");

  private static long at(String chinaTime) {
    return china(chinaTime).toEpochMilli();
  }

  @Test
  void sessionsIncludeTheirStartAndNotTheirEnd() {
    assertThat(hours.contains(at("2025-03-14T08:30"))).isTrue();
    assertThat(hours.contains(at("2025-03-14T08:30") - 1)).isFalse();
    assertThat(hours.contains(at("2025-03-14T12:00") - 1)).isTrue();
    assertThat(hours.contains(at("2025-03-14T12:00"))).isFalse();
    assertThat(hours.contains(at("2025-03-15T10:00"))).as("a Saturday").isFalse();
    assertThat(hours.contains(at("2025-04-04T10:00"))).as("Qingming, a Friday").isFalse();
  }

  @Test
  void nextInsideIsTheInstantItselfInsideTheHours() {
    assertThat(hours.nextInside(at("2025-03-14T09:15"))).isEqualTo(at("2025-03-14T09:15"));
    assertThat(hours.nextInside(at("2025-03-14T08:30"))).isEqualTo(at("2025-03-14T08:30"));
  }

  @Test
  void nextInsideSkipsTheLunchBreakTheNightAndTheWeekend() {
    assertThat(hours.nextInside(at("2025-03-14T12:00"))).isEqualTo(at("2025-03-14T14:00"));
    assertThat(hours.nextInside(at("2025-03-13T17:30"))).isEqualTo(at("2025-03-14T08:30"));
    assertThat(hours.nextInside(at("2025-03-14T06:00"))).isEqualTo(at("2025-03-14T08:30"));
    assertThat(hours.nextInside(at("2025-03-14T17:30") - 1)).isEqualTo(at("2025-03-14T17:30") - 1);
    assertThat(hours.nextInside(at("2025-03-14T17:30"))).isEqualTo(at("2025-03-17T08:30"));
  }

  @Test
  void nextInsideSkipsHolidays() {
    // Qingming 2025: Friday 4 April to Sunday 6 April.
    assertThat(hours.nextInside(at("2025-04-03T18:00"))).isEqualTo(at("2025-04-07T08:30"));
  }

  @Test
  void noCalendarInstantHasNoNextInside() {
    assertThat(hours.nextInside(Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
    assertThat(hours.nextInside(Long.MIN_VALUE)).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void plusServiceTimeRunsOnlyInsideTheHours() {
    Instant fridayLate = china("2025-03-14T17:20");
    assertThat(hours.plusServiceTime(fridayLate.toEpochMilli(), 20 * 60_000L))
        .isEqualTo(at("2025-03-17T08:40"));
  }

  @Test
  void overlappingSessionsAreRefusedNamingTheOption() {
    assertThatThrownBy(() -> ServiceHours.parse("alerts.service-hours", "08:30-12:00,11:00-17:30"))
        .hasMessageContaining("alerts.service-hours");
  }
}
