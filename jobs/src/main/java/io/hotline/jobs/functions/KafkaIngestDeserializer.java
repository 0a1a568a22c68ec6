package io.hotline.jobs.functions;

import io.hotline.jobs.records.IngestRecord;
import io.hotline.jobs.records.Origin;
import io.hotline.schemas.events.EventKind;
import io.hotline.schemas.events.Timestamps;
import java.time.Instant;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Parses Kafka records of the three event topics in the source itself, so the watermark can be
 * taken from event time per partition. Never throws: bad input becomes a dead letter.
 */
public final class KafkaIngestDeserializer
    implements KafkaRecordDeserializationSchema<IngestRecord> {
  private static final long serialVersionUID = 1L;

  private final Map<String, EventKind> kindByTopic;
  private final RecordParser parser;

  public KafkaIngestDeserializer(Map<String, EventKind> kindByTopic, RecordParser parser) {
    this.kindByTopic = Map.copyOf(kindByTopic);
    this.parser = parser;
  }

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<IngestRecord> out) {
    byte[] value = record.value() == null ? new byte[0] : record.value();
    Origin origin = Origin.kafka(record.topic(), record.partition(), record.offset());
    Instant received = Instant.ofEpochMilli(receivedMillis(record.timestamp()));
    out.collect(parser.parse(kindByTopic.get(record.topic()), origin, value, received));
  }

  /**
   * The broker's timestamp, not the wall clock, so that a replay yields identical dead letters;
   * kept inside the years a ClickHouse {@code DateTime} holds. A producer sets this timestamp, and
   * one that writes microseconds for milliseconds stamps its records tens of thousands of years
   * ahead (brokers before Kafka 4 accept that): written as it is, such a time made ClickHouse
   * refuse the whole batch of dead letters, and the job failed over one bad record.
   */
  static long receivedMillis(long brokerTimestamp) {
    return Math.min(Math.max(0, brokerTimestamp), LATEST_RECEIVED_MILLIS);
  }

  private static final long LATEST_RECEIVED_MILLIS = Timestamps.LATEST.toEpochMilli() - 1;

  @Override
  public TypeInformation<IngestRecord> getProducedType() {
    return TypeInformation.of(IngestRecord.class);
  }
}
