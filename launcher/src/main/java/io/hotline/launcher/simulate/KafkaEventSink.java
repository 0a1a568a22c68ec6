package io.hotline.launcher.simulate;

import io.hotline.schemas.events.EventKind;
import io.hotline.schemas.kafka.KafkaConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Produces events to the topics of a {@link KafkaConfig}, keyed by event id, so a redelivered
 * duplicate lands in the same partition as its original. Sends are asynchronous and batched; the
 * first failure is reported by the next write or by {@link #close}.
 */
public final class KafkaEventSink implements EventSink {
  private final KafkaProducer<byte[], byte[]> producer;
  private final String[] topics = new String[EventKind.values().length];
  private final AtomicReference<Exception> failure = new AtomicReference<>();

  public KafkaEventSink(KafkaConfig config) {
    for (EventKind kind : EventKind.values()) {
      topics[kind.ordinal()] = config.topic(kind);
    }
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
    p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(128L << 20));
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    // Fail within a minute when the brokers cannot be reached, rather than hang.
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000");
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "60000");
    producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
  }

  @Override
  public void write(EventKind kind, byte[] data, int start, int end, int keyStart, int keyEnd)
      throws IOException {
    throwIfFailed();
    byte[] key = Arrays.copyOfRange(data, keyStart, keyEnd);
    byte[] value = Arrays.copyOfRange(data, start, end);
    producer.send(
        new ProducerRecord<>(topics[kind.ordinal()], key, value),
        (metadata, e) -> {
          if (e != null) {
            failure.compareAndSet(null, e);
          }
        });
  }

  @Override
  public void close() throws IOException {
    if (failure.get() != null) {
      // Something was refused already: do not wait for the rest to time out too.
      producer.close(Duration.ZERO);
    } else {
      try {
        producer.flush();
      } finally {
        producer.close();
      }
    }
    throwIfFailed();
  }

  private void throwIfFailed() throws IOException {
    Exception e = failure.get();
    if (e != null) {
      throw new IOException("Kafka refused an event: " + e.getMessage(), e);
    }
  }
}
