package io.hotline.schemas.metrics;

import static io.hotline.schemas.testing.EventJson.abandonedCall;
import static io.hotline.schemas.testing.EventJson.answeredCall;
import static io.hotline.schemas.testing.EventJson.ivrOnlyCall;
import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.schemas.events.EventParser;
import io.hotline.schemas.testing.EventJson;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CallMeasuresTest {
  private static CallMeasures measure(EventJson json) {
    return CallMeasures.of(EventParser.standard().parseCdr(json.json()).event());
  }

  @Test
  void answeredCall_waitIsQueueToAnswer_talkIsAnswerToEnd() {
    CallMeasures m = measure(answeredCall());
    assertThat(m.offered()).isTrue();
    assertThat(m.answered()).isTrue();
    assertThat(m.abandoned()).isFalse();
    assertThat(m.waitMs()).isEqualTo(10_000L);
    assertThat(m.talkMs()).isEqualTo(280_000L);
    assertThat(m.countedAt()).isEqualTo(Instant.parse("2025-03-14T01:00:10Z"));
    assertThat(m.answeredWithin(MetricDefinitions.SL15_MS)).isTrue();
    assertThat(m.answeredWithin(9_999)).isFalse();
  }

  @Test
  void abandonedCall_waitIsQueueToEnd_neverMeetsServiceLevel() {
    CallMeasures m = measure(abandonedCall());
    assertThat(m.abandoned()).isTrue();
    assertThat(m.waitMs()).isEqualTo(10_000L);
    assertThat(m.talkMs()).isNull();
    assertThat(m.shortAbandoned()).isFalse();
    assertThat(m.answeredWithin(MetricDefinitions.SL15_MS)).isFalse();
  }

  @Test
  void abandonUnderFiveSecondsIsShort_fiveSecondsIsNot() {
    assertThat(
            measure(abandonedCall().with("ended_at", "2025-03-14T09:00:14.999+08:00"))
                .shortAbandoned())
        .isTrue();
    assertThat(
            measure(abandonedCall().with("ended_at", "2025-03-14T09:00:15.000+08:00"))
                .shortAbandoned())
        .isFalse();
  }

  @Test
  void ivrOnlyCall_countsAtArrival() {
    CallMeasures m = measure(ivrOnlyCall());
    assertThat(m.ivrOnly()).isTrue();
    assertThat(m.offered()).isFalse();
    assertThat(m.waitMs()).isNull();
    assertThat(m.countedAt()).isEqualTo(Instant.parse("2025-03-14T01:00:00Z"));
  }

  @Test
  void endReasonsAreCounted() {
    assertThat(measure(ivrOnlyCall().with("end_reason", "voicemail")).voicemail()).isTrue();
    assertThat(measure(ivrOnlyCall().with("end_reason", "out_of_hours")).outOfHours()).isTrue();
    assertThat(measure(ivrOnlyCall().with("end_reason", "blocked")).blocked()).isTrue();
  }

  @Test
  void waitBucketsAreWholeSecondsCappedAtTenMinutes() {
    assertThat(MetricDefinitions.waitBucket(999)).isZero();
    assertThat(MetricDefinitions.waitBucket(1_000)).isEqualTo(1);
    assertThat(MetricDefinitions.waitBucket(3_600_000)).isEqualTo(600);
  }
}
