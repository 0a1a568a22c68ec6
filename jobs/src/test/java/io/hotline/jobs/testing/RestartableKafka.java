package io.hotline.jobs.testing;

import io.hotline.schemas.kafka.KafkaConfig;
import kafka.server.BrokerServer;
import org.apache.kafka.common.test.KafkaClusterTestKit;

/**
 * A Kafka broker of a test's own that can be stopped and started again mid-test, on the same port
 * and with the same log directory, as when an operator restarts it: unlike the shared broker of
 * {@link KafkaExtension}, stopping it disturbs no other test. The controller runs in a node of its
 * own and stays up, as a cluster's controller quorum would. Starts in about two seconds.
 */
public final class RestartableKafka implements AutoCloseable {
  private final KafkaClusterTestKit cluster;
  private final KafkaConfig config;

  private RestartableKafka(KafkaClusterTestKit cluster) {
    this.cluster = cluster;
    this.config = KafkaExtension.freshTopics(cluster);
  }

  public static RestartableKafka start() throws Exception {
    return new RestartableKafka(KafkaExtension.startCluster(false));
  }

  /** The broker's address and the test's topics, which exist already. */
  public KafkaConfig config() {
    return config;
  }

  /** Shuts the broker down cleanly; clients see it disappear. */
  public void stopBroker() {
    broker().shutdown();
  }

  /** Starts the stopped broker again and waits until it serves. */
  public void startBroker() throws Exception {
    broker().startup();
    cluster.waitForReadyBrokers();
  }

  private BrokerServer broker() {
    return cluster.brokers().values().iterator().next();
  }

  @Override
  public void close() throws Exception {
    cluster.close();
  }
}
