package io.hotline.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ChinaTimeTest {
  @Test
  void lateEveningUtcIsNextDayInChina() {
    assertThat(ChinaTime.day(Instant.parse("2025-03-14T16:00:00Z")))
        .isEqualTo(LocalDate.of(2025, 3, 15));
    assertThat(ChinaTime.day(Instant.parse("2025-03-14T15:59:59.999Z")))
        .isEqualTo(LocalDate.of(2025, 3, 14));
  }

  @Test
  void dayStartsAtChinaMidnight() {
    assertThat(ChinaTime.startOf(LocalDate.of(2025, 1, 1)))
        .isEqualTo(Instant.parse("2024-12-31T16:00:00Z"));
  }

  @Test
  void minuteStartTruncates() {
    assertThat(ChinaTime.minuteStart(Instant.parse("2025-03-14T01:02:59.999Z")))
        .isEqualTo(Instant.parse("2025-03-14T01:02:00Z"));
  }
}
