package io.hotline.schemas.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hotline.schemas.events.EventKind;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class KafkaConfigTest {

  private static Properties props(String... keyValues) {
    Properties p = new Properties();
    for (int i = 0; i < keyValues.length; i += 2) {
      p.setProperty(keyValues[i], keyValues[i + 1]);
    }
    return p;
  }

  @Test
  void defaultsPointAtTheLocalBroker() {
    KafkaConfig k = KafkaConfig.defaults();

    assertThat(k.bootstrapServers()).isEqualTo("127.0.0.1:19092");
    assertThat(k.topics()).containsExactly("cdr", "recording", "sms", "dead-letters", "alerts");
    assertThat(k.partitions()).isEqualTo(4);
    assertThat(k.replicationFactor()).isEqualTo((short) 1);
  }

  @Test
  void readsEveryKeyAndRoundTrips() {
    KafkaConfig k =
        KafkaConfig.fromProperties(
            props(
                "kafka.bootstrap-servers", "kafka-1:9092, kafka-2:9092",
                "kafka.topic.cdr", "hotline.cdr",
                "kafka.topic.recording", "hotline.recording",
                "kafka.topic.sms", "hotline.sms",
                "kafka.topic.dead-letters", "hotline.dlq",
                "kafka.topic.alerts", "hotline.alerts",
                "kafka.partitions", "12",
                "kafka.replication-factor", "3"));

    assertThat(k.bootstrapServers()).isEqualTo("kafka-1:9092,kafka-2:9092");
    assertThat(k.topic(EventKind.CDR)).isEqualTo("hotline.cdr");
    assertThat(k.topic(EventKind.RECORDING)).isEqualTo("hotline.recording");
    assertThat(k.topic(EventKind.SMS)).isEqualTo("hotline.sms");
    assertThat(k.deadLetterTopic()).isEqualTo("hotline.dlq");
    assertThat(k.alertTopic()).isEqualTo("hotline.alerts");
    assertThat(k.partitions()).isEqualTo(12);
    assertThat(k.replicationFactor()).isEqualTo((short) 3);
    assertThat(KafkaConfig.fromProperties(k.toProperties())).isEqualTo(k);
  }

  @Test
  void everyOptionIsListedWithKeyTypeAndDefault() {
    assertThat(KafkaConfig.Option.values())
        .extracting(KafkaConfig.Option::key)
        .containsExactly(
            "kafka.bootstrap-servers",
            "kafka.topic.cdr",
            "kafka.topic.recording",
            "kafka.topic.sms",
            "kafka.topic.dead-letters",
            "kafka.topic.alerts",
            "kafka.partitions",
            "kafka.replication-factor");
    assertThat(KafkaConfig.Option.PARTITIONS.type()).isEqualTo(Integer.class);
    assertThat(KafkaConfig.Option.PARTITIONS.defaultValue()).isEqualTo("4");
  }

  @Test
  void topicSuffixGivesATestItsOwnTopics() {
    assertThat(KafkaConfig.defaults().withTopicSuffix("t1").topics())
        .containsExactly("cdr-t1", "recording-t1", "sms-t1", "dead-letters-t1", "alerts-t1");
  }

  @Test
  void refusesServersWithoutPort() {
    assertThatThrownBy(
            () -> KafkaConfig.fromProperties(props("kafka.bootstrap-servers", "127.0.0.1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "kafka.bootstrap-servers must be host:port[,host:port...], e.g. 127.0.0.1:19092, got:"
                + " 127.0.0.1");
  }

  @Test
  void refusesEmptyServers() {
    assertThatThrownBy(() -> KafkaConfig.fromProperties(props("kafka.bootstrap-servers", "")))
        .hasMessage(
            "kafka.bootstrap-servers is empty: give the brokers as host:port, e.g. 127.0.0.1:19092");
  }

  @Test
  void refusesIllegalTopicNames() {
    assertThatThrownBy(() -> KafkaConfig.fromProperties(props("kafka.topic.sms", "sms topic")))
        .hasMessage(
            "kafka.topic.sms must be 1 to 249 letters, digits, '.', '_' or '-', got: \"sms topic\"");
  }

  @Test
  void refusesTheSameTopicTwice() {
    assertThatThrownBy(() -> KafkaConfig.fromProperties(props("kafka.topic.sms", "cdr")))
        .hasMessage(
            "the cdr, recording, sms, dead-letter and alert topics must be five different topics,"
                + " got: [cdr, recording, cdr, dead-letters, alerts]");
  }

  @Test
  void refusesBadPartitionAndReplicaCounts() {
    assertThatThrownBy(() -> KafkaConfig.fromProperties(props("kafka.partitions", "0")))
        .hasMessage("kafka.partitions must be a whole number from 1 to 2147483647, got: 0");
    assertThatThrownBy(() -> KafkaConfig.fromProperties(props("kafka.replication-factor", "x")))
        .hasMessage("kafka.replication-factor must be a whole number from 1 to 32767, got: x");
  }
}
