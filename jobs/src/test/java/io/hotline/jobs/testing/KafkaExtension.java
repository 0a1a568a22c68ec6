package io.hotline.jobs.testing;

import io.hotline.schemas.kafka.KafkaConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension giving tests a real Kafka: one in-process KRaft broker per JVM (started once,
 * about two seconds), and for each test a {@link KafkaConfig} whose topics carry a fresh random
 * suffix and already exist, so tests never see each other's records.
 */
public final class KafkaExtension implements ParameterResolver {
  private static final Namespace NAMESPACE = Namespace.create(KafkaExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == KafkaConfig.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Broker broker =
        context
            .getRoot()
            .getStore(NAMESPACE)
            .getOrComputeIfAbsent(Broker.class, k -> Broker.start(), Broker.class);
    return context
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(KafkaConfig.class, k -> broker.freshTopics(), KafkaConfig.class);
  }

  /** The broker, closed when the test run ends. */
  static final class Broker implements ExtensionContext.Store.CloseableResource {
    private final KafkaClusterTestKit cluster;

    private Broker(KafkaClusterTestKit cluster) {
      this.cluster = cluster;
    }

    static Broker start() {
      try {
        return new Broker(startCluster(true));
      } catch (Exception e) {
        throw new IllegalStateException("could not start the test Kafka broker", e);
      }
    }

    KafkaConfig freshTopics() {
      return KafkaExtension.freshTopics(cluster);
    }

    @Override
    public void close() throws Exception {
      cluster.close();
    }
  }

  /**
   * A single-broker KRaft cluster, started and ready.
   *
   * @param combined broker and controller in one node; otherwise two, so the broker can be stopped
   *     and started again while the controller keeps the cluster's metadata
   */
  static KafkaClusterTestKit startCluster(boolean combined) throws Exception {
    KafkaClusterTestKit cluster =
        new KafkaClusterTestKit.Builder(
                new TestKitNodes.Builder()
                    .setCombined(combined)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .build())
            // One broker: internal topics cannot have the default three replicas.
            .setConfigProp("offsets.topic.replication.factor", "1")
            .setConfigProp("offsets.topic.num.partitions", "4")
            .setConfigProp("transaction.state.log.replication.factor", "1")
            .setConfigProp("transaction.state.log.min.isr", "1")
            .setConfigProp("group.initial.rebalance.delay.ms", "0")
            .build();
    cluster.format();
    cluster.startup();
    cluster.waitForReadyBrokers();
    return cluster;
  }

  /** A {@link KafkaConfig} with a fresh topic suffix, its topics created on the cluster. */
  static KafkaConfig freshTopics(KafkaClusterTestKit cluster) {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    KafkaConfig config =
        KafkaConfig.defaults()
            .withBootstrapServers(cluster.bootstrapServers())
            .withTopicSuffix(suffix);
    Properties p = new Properties();
    p.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
    try (Admin admin = Admin.create(p)) {
      List<NewTopic> topics = new ArrayList<>();
      for (String t : config.topics()) {
        topics.add(new NewTopic(t, config.partitions(), config.replicationFactor()));
      }
      admin.createTopics(topics).all().get();
    } catch (Exception e) {
      throw new IllegalStateException("could not create test topics", e);
    }
    return config;
  }
}
