package io.hotline.schemas.kafka;

import io.hotline.schemas.events.EventKind;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Where the event topics live: the one configuration type for Kafka, read from properties whose
 * keys, types and defaults are listed in {@link Option}. Plain values only, so modules that do not
 * talk to Kafka themselves can pass it on.
 *
 * @param bootstrapServers comma-separated {@code host:port} list
 * @param cdrTopic topic of call detail records
 * @param recordingTopic topic of recording metadata
 * @param smsTopic topic of short messages
 * @param deadLetterTopic topic where bad input goes, with the reason
 * @param alertTopic topic where the ingest job publishes live alerts (opened and cleared)
 * @param partitions partitions of each topic when the product creates it
 * @param replicationFactor replicas of each topic when the product creates it
 */
public record KafkaConfig(
    String bootstrapServers,
    String cdrTopic,
    String recordingTopic,
    String smsTopic,
    String deadLetterTopic,
    String alertTopic,
    int partitions,
    short replicationFactor)
    implements java.io.Serializable {

  // Kafka's own rule for topic names.
  private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
  private static final Pattern HOST_PORT = Pattern.compile("[^\\s,:]+:\\d{1,5}");

  /** Every property this type reads: key, value type and default, in one place. */
  public enum Option {
    BOOTSTRAP_SERVERS(
        "kafka.bootstrap-servers", String.class, "127.0.0.1:19092", "host:port[,host:port...]"),
    CDR_TOPIC("kafka.topic.cdr", String.class, "cdr", "topic of call detail records"),
    RECORDING_TOPIC(
        "kafka.topic.recording", String.class, "recording", "topic of recording metadata"),
    SMS_TOPIC("kafka.topic.sms", String.class, "sms", "topic of short messages"),
    DEAD_LETTER_TOPIC(
        "kafka.topic.dead-letters", String.class, "dead-letters", "topic of refused input"),
    ALERT_TOPIC("kafka.topic.alerts", String.class, "alerts", "topic of live alerts"),
    PARTITIONS("kafka.partitions", Integer.class, "4", "partitions per created topic"),
    REPLICATION_FACTOR("kafka.replication-factor", Short.class, "1", "replicas per created topic");

    private final String key;
    private final Class<?> type;
    private final String defaultValue;
    private final String description;

    Option(String key, Class<?> type, String defaultValue, String description) {
      this.key = key;
      this.type = type;
      this.defaultValue = defaultValue;
      this.description = description;
    }

    public String key() {
      return key;
    }

    public Class<?> type() {
      return type;
    }

    public String defaultValue() {
      return defaultValue;
    }

    public String description() {
      return description;
    }

    String read(Properties properties) {
      return properties.getProperty(key, defaultValue).trim();
    }
  }

  /** Validates every field, so a config that exists names reachable-looking servers and topics. */
  public KafkaConfig {
    bootstrapServers = validServers(bootstrapServers);
    validTopic(Option.CDR_TOPIC, cdrTopic);
    validTopic(Option.RECORDING_TOPIC, recordingTopic);
    validTopic(Option.SMS_TOPIC, smsTopic);
    validTopic(Option.DEAD_LETTER_TOPIC, deadLetterTopic);
    validTopic(Option.ALERT_TOPIC, alertTopic);
    List<String> all = List.of(cdrTopic, recordingTopic, smsTopic, deadLetterTopic, alertTopic);
    if (all.stream().distinct().count() < all.size()) {
      throw new IllegalArgumentException(
          "the cdr, recording, sms, dead-letter and alert topics must be five different topics,"
              + " got: "
              + all);
    }
    if (partitions < 1) {
      throw new IllegalArgumentException(
          Option.PARTITIONS.key + " must be 1 or more, got: " + partitions);
    }
    if (replicationFactor < 1) {
      throw new IllegalArgumentException(
          Option.REPLICATION_FACTOR.key + " must be 1 or more, got: " + replicationFactor);
    }
  }

  /** The configuration with every option at its default: the local broker of the stack. */
  public static KafkaConfig defaults() {
    return fromProperties(new Properties());
  }

  /** Reads the {@link Option} keys from {@code properties}; missing keys take their default. */
  public static KafkaConfig fromProperties(Properties properties) {
    return new KafkaConfig(
        Option.BOOTSTRAP_SERVERS.read(properties),
        Option.CDR_TOPIC.read(properties),
        Option.RECORDING_TOPIC.read(properties),
        Option.SMS_TOPIC.read(properties),
        Option.DEAD_LETTER_TOPIC.read(properties),
        Option.ALERT_TOPIC.read(properties),
        number(Option.PARTITIONS, properties, Integer.MAX_VALUE),
        (short) number(Option.REPLICATION_FACTOR, properties, Short.MAX_VALUE));
  }

  /** The {@link Option} keys with this configuration's values, the inverse of fromProperties. */
  public Properties toProperties() {
    Properties p = new Properties();
    p.setProperty(Option.BOOTSTRAP_SERVERS.key, bootstrapServers);
    p.setProperty(Option.CDR_TOPIC.key, cdrTopic);
    p.setProperty(Option.RECORDING_TOPIC.key, recordingTopic);
    p.setProperty(Option.SMS_TOPIC.key, smsTopic);
    p.setProperty(Option.DEAD_LETTER_TOPIC.key, deadLetterTopic);
    p.setProperty(Option.ALERT_TOPIC.key, alertTopic);
    p.setProperty(Option.PARTITIONS.key, Integer.toString(partitions));
    p.setProperty(Option.REPLICATION_FACTOR.key, Short.toString(replicationFactor));
    return p;
  }

  /** The five topics: cdr, recording, sms, dead letters, alerts. */
  public List<String> topics() {
    return List.of(cdrTopic, recordingTopic, smsTopic, deadLetterTopic, alertTopic);
  }

  /** The topic an event kind arrives on. */
  public String topic(EventKind kind) {
    return switch (kind) {
      case CDR -> cdrTopic;
      case RECORDING -> recordingTopic;
      case SMS -> smsTopic;
    };
  }

  /** The same topics on other servers. */
  public KafkaConfig withBootstrapServers(String servers) {
    return new KafkaConfig(
        servers,
        cdrTopic,
        recordingTopic,
        smsTopic,
        deadLetterTopic,
        alertTopic,
        partitions,
        replicationFactor);
  }

  /**
   * Every topic name with {@code -suffix} appended, e.g. for a test that needs topics of its own on
   * a shared broker.
   */
  public KafkaConfig withTopicSuffix(String suffix) {
    return new KafkaConfig(
        bootstrapServers,
        cdrTopic + "-" + suffix,
        recordingTopic + "-" + suffix,
        smsTopic + "-" + suffix,
        deadLetterTopic + "-" + suffix,
        alertTopic + "-" + suffix,
        partitions,
        replicationFactor);
  }

  private static String validServers(String servers) {
    String key = Option.BOOTSTRAP_SERVERS.key;
    if (servers == null || servers.isBlank()) {
      throw new IllegalArgumentException(
          key + " is empty: give the brokers as host:port, e.g. 127.0.0.1:19092");
    }
    String normalized = servers.replace(" ", "");
    for (String server : normalized.split(",", -1)) {
      if (!HOST_PORT.matcher(server).matches()) {
        throw new IllegalArgumentException(
            key + " must be host:port[,host:port...], e.g. 127.0.0.1:19092, got: " + servers);
      }
    }
    return normalized;
  }

  private static void validTopic(Option option, String topic) {
    if (topic == null
        || !TOPIC.matcher(topic).matches()
        || topic.equals(".")
        || topic.equals("..")) {
      throw new IllegalArgumentException(
          option.key
              + " must be 1 to 249 letters, digits, '.', '_' or '-', got: "
              + (topic == null ? "(missing)" : '"' + topic + '"'));
    }
  }

  private static int number(Option option, Properties properties, int max) {
    String text = option.read(properties);
    try {
      long value = Long.parseLong(text);
      if (value >= 1 && value <= max) {
        return (int) value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        option.key + " must be a whole number from 1 to " + max + ", got: " + text);
  }
}
