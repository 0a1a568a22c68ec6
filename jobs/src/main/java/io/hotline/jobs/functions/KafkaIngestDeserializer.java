package io.hotline.jobs.functions;

import io.hotline.jobs.records.IngestRecord;
import io.hotline.jobs.records.Origin;
import io.hotline.schemas.events.EventKind;
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
    // The broker's timestamp, not the wall clock: a replay then yields identical dead letters.
    Instant received = Instant.ofEpochMilli(Math.max(0, record.timestamp()));
    out.collect(parser.parse(kindByTopic.get(record.topic()), origin, value, received));
  }

  @Override
  public TypeInformation<IngestRecord> getProducedType() {
    return TypeInformation.of(IngestRecord.class);
  }
}
