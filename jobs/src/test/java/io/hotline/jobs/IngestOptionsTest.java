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
    assertThat(o.checkpointInterval()).isEqualTo(Duration.ofSeconds(10));
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
}
