package io.hotline.schemas.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the minute statements cover the loaded days. */
class MinutesFromCallsTest {
  private static final LocalDate MARCH_1 = LocalDate.of(2025, 3, 1);

  @Test
  void everyDayIsInExactlyOneSpan() {
    List<LocalDate[]> spans = MinutesFromCalls.spans(MARCH_1, LocalDate.of(2025, 3, 31), 7);
    assertThat(spans).hasSize(5);
    assertThat(spans.get(0)).containsExactly(MARCH_1, LocalDate.of(2025, 3, 7));
    assertThat(spans.get(1)).containsExactly(LocalDate.of(2025, 3, 8), LocalDate.of(2025, 3, 14));
    assertThat(spans.get(4)).containsExactly(LocalDate.of(2025, 3, 29), LocalDate.of(2025, 3, 31));
    assertThat(MinutesFromCalls.spans(MARCH_1, MARCH_1, 7).get(0))
        .containsExactly(MARCH_1, MARCH_1);
  }

  @Test
  void aStatementReadsCallsFinalOfItsDaysOnly() {
    String sql = MinutesFromCalls.statement(MARCH_1, LocalDate.of(2025, 3, 7));
    assertThat(sql)
        .startsWith("INSERT INTO metrics_minute (minute, line, center, province, total_inbound,")
        .contains(
            "FROM calls FINAL WHERE day BETWEEN toDate('2025-03-01') AND toDate('2025-03-07')")
        .contains("ifNull(sum_answered_within_15s, 0)")
        .endsWith("GROUP BY line, center, minute_of_call)");
  }
}
