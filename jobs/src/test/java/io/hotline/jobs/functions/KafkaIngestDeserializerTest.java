package io.hotline.jobs.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.schemas.events.Timestamps;
import org.junit.jupiter.api.Test;

class KafkaIngestDeserializerTest {
  @Test
  void brokerTimestampsStayInsideTheYearsClickHouseHolds() {
    long now = 1_742_000_000_000L;
    assertThat(KafkaIngestDeserializer.receivedMillis(now)).isEqualTo(now);
    assertThat(KafkaIngestDeserializer.receivedMillis(-1)).isZero(); // no timestamp
    assertThat(KafkaIngestDeserializer.receivedMillis(now * 1000)) // microseconds by mistake
        .isEqualTo(Timestamps.LATEST.toEpochMilli() - 1);
  }
}
