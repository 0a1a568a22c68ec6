package io.hotline.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hotline.schemas.clickhouse.ClickHouseConfig;
import io.hotline.schemas.kafka.KafkaConfig;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class IngestOptionsTest {
  private static Properties withSecret() {
    Properties p = new Properties();
    p.setProperty("ingest.caller-secret", "a-secret-of-at-least-16-chars");
    return p;
  }

  @Test
  void defaultsApplyWhenOnlyTheSecretIsGiven() {
    IngestOptions o = IngestOptions.fromProperties(withSecret());
    assertThat(o.groupId()).isEqualTo("hotline-ingest");
    assertThat(o.checkpointInterval()).isEqualTo(Duration.ofMinutes(1));
    assertThat(o.allowedLateness()).isEqualTo(Duration.ofHours(1));
    assertThat(o.parallelism()).isEqualTo(2);
    assertThat(o.kafka()).isEqualTo(KafkaConfig.defaults());
    assertThat(o.clickHouse()).isEqualTo(ClickHouseConfig.defaults());
    assertThat(o.checkpointDir()).startsWith("file:/").endsWith("hotline-checkpoints/");
  }

  @Test
  void missingSecretIsRefusedWithWhatToDo() {
    assertThatThrownBy(() -> IngestOptions.fromProperties(new Properties()))
        .hasMessage(
            "ingest.caller-secret must be set to a secret of at least 16 characters"
                + " (it keys the pseudonyms of callers' numbers)");
  }

  @Test
  void badNumbersAreRefusedNamingTheKey() {
    Properties p = withSecret();
    p.setProperty("ingest.checkpoint-interval-ms", "ten seconds");
    assertThatThrownBy(() -> IngestOptions.fromProperties(p))
        .hasMessage(
            "ingest.checkpoint-interval-ms must be a whole number of milliseconds, got: ten seconds");

    Properties q = withSecret();
    q.setProperty("ingest.parallelism", "0");
    assertThatThrownBy(() -> IngestOptions.fromProperties(q))
        .hasMessage("ingest.parallelism must be at least 1");
  }

  @Test
  void propertiesRoundTripAndWithChangesOneOption() {
    IngestOptions o = IngestOptions.fromProperties(withSecret());
    assertThat(IngestOptions.fromProperties(o.toProperties())).isEqualTo(o);
    IngestOptions replay = o.withGroupId("replay");
    assertThat(replay.groupId()).isEqualTo("replay");
    assertThat(replay.withGroupId("hotline-ingest")).isEqualTo(o);
  }

  @Test
  void theSecretNeverShowsInToString() {
    assertThat(IngestOptions.fromProperties(withSecret()).toString())
        .doesNotContain("a-secret-of-at-least-16-chars");
  }

  @Test
  void alertThresholdsHaveDocumentedDefaults() {
    AlertThresholds t = IngestOptions.fromProperties(withSecret()).alerts();
    assertThat(t.serviceHoursText()).isEqualTo("08:30-12:00,14:00-17:30");
    assertThat(t.answerRateWindow()).isEqualTo(Duration.ofMinutes(30));
    assertThat(t.silence()).isEqualTo(Duration.ofMinutes(20));
    assertThat(t.voicemailWorkingDays()).isEqualTo(3);
    assertThat(IngestOptions.fromProperties(withSecret()).recordingWait())
        .isEqualTo(Duration.ofHours(2));
  }

  @Test
  void badAlertThresholdsAreRefusedInOneSentence() {
    Properties hours = withSecret();
    hours.setProperty("alerts.service-hours", "08:30-12:00,11:00-17:30");
    assertThatThrownBy(() -> IngestOptions.fromProperties(hours))
        .hasMessage(
            "alerts.service-hours must be ascending, non-overlapping HH:mm-HH:mm sessions separated"
                + " by commas, e.g. 08:30-12:00,14:00-17:30, got: 08:30-12:00,11:00-17:30");

    Properties target = withSecret();
    target.setProperty("alerts.answer-rate-target", "85%");
    assertThatThrownBy(() -> IngestOptions.fromProperties(target))
        .hasMessage("alerts.answer-rate-target must be a number of 0 or more, got: 85%");

    Properties rate = withSecret();
    rate.setProperty("alerts.abandon-rate", "1.5");
    assertThatThrownBy(() -> IngestOptions.fromProperties(rate))
        .hasMessage("alerts.abandon-rate must be from 0 to 1, got: 1.5");

    Properties silence = withSecret();
    silence.setProperty("alerts.silence-ms", "1000");
    assertThatThrownBy(() -> IngestOptions.fromProperties(silence))
        .hasMessage("alerts.silence-ms must be at least 1 minute");
  }
}
