package io.hotline.launcher.stack;

import io.hotline.schemas.kafka.KafkaConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** Talks to a Kafka cluster as an administrator: is it there, and does it have the topics. */
public final class KafkaTopics {

  private static final Duration LISTED_DEADLINE = Duration.ofSeconds(30);

  private KafkaTopics() {}

  /**
   * Creates those of the configured topics the cluster lacks, with the configured partitions and
   * replication; existing topics are left as they are.
   *
   * @return the topics created by this call
   * @throws IllegalStateException when the cluster cannot be reached or refuses
   */
  public static List<String> ensure(KafkaConfig config) {
    return withAdmin(
        config.bootstrapServers(),
        Duration.ofSeconds(30),
        "create the topics",
        admin -> {
          Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
          List<String> created = new ArrayList<>();
          for (String topic : config.topics()) {
            if (!existing.contains(topic) && create(admin, config, topic)) {
              created.add(topic);
            }
          }
          awaitListed(admin, config.topics());
          return created;
        });
  }

  /**
   * Deletes the configured topics the cluster has, with their data; topics it lacks are skipped.
   *
   * @throws IllegalStateException when the cluster cannot be reached or refuses
   */
  public static void delete(KafkaConfig config) {
    withAdmin(
        config.bootstrapServers(),
        Duration.ofSeconds(30),
        "delete the topics",
        admin -> {
          Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
          List<String> doomed = config.topics().stream().filter(existing::contains).toList();
          admin.deleteTopics(doomed).all().get(30, TimeUnit.SECONDS);
          awaitUnlisted(admin, doomed);
          return doomed;
        });
  }

  /** The names of the topics the cluster has, without Kafka's internal ones. */
  public static Set<String> list(String bootstrapServers) {
    return withAdmin(
        bootstrapServers,
        Duration.ofSeconds(10),
        "list the topics",
        admin -> admin.listTopics().names().get(10, TimeUnit.SECONDS));
  }

  /** One conversation with the cluster's admin API. */
  private interface AdminCall<T> {
    T call(Admin admin) throws InterruptedException, ExecutionException, TimeoutException;
  }

  /**
   * Runs {@code call} with an admin client; a cluster that cannot be reached or refuses becomes an
   * {@link IllegalStateException} that says what could not be done ("cannot list the topics on
   * Kafka at …").
   */
  private static <T> T withAdmin(
      String bootstrapServers, Duration timeout, String what, AdminCall<T> call) {
    try (Admin admin = admin(bootstrapServers, timeout)) {
      return call.call(admin);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "cannot " + what + " on Kafka at " + bootstrapServers + ": " + rootMessage(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(
          "interrupted while trying to " + what + " on Kafka at " + bootstrapServers, e);
    }
  }

  /**
   * Whether a broker answers a cluster description within {@code timeout}. The first server's port
   * is probed with a plain socket first, so a cluster that is plainly down is reported at once and
   * without the Kafka client's connection warnings.
   */
  public static boolean reachable(String bootstrapServers, Duration timeout) {
    if (!portOpen(bootstrapServers.split(",")[0], timeout)) {
      return false;
    }
    try (Admin admin = admin(bootstrapServers, timeout)) {
      return !admin
          .describeCluster()
          .nodes()
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
          .isEmpty();
    } catch (ExecutionException | TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  static boolean portOpen(String hostPort, Duration timeout) {
    int colon = hostPort.lastIndexOf(':');
    String host = hostPort.substring(0, colon);
    int port = Integer.parseInt(hostPort.substring(colon + 1));
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), (int) Math.min(timeout.toMillis(), 5_000));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean create(Admin admin, KafkaConfig config, String topic)
      throws InterruptedException, ExecutionException, TimeoutException {
    NewTopic t = new NewTopic(topic, config.partitions(), config.replicationFactor());
    try {
      admin.createTopics(List.of(t)).all().get(30, TimeUnit.SECONDS);
      return true;
    } catch (ExecutionException e) {
      // Another process created it between listing and creating: the outcome is the same.
      if (e.getCause() instanceof TopicExistsException) {
        return false;
      }
      throw e;
    }
  }

  /**
   * Waits until the broker lists every topic: creation returns once the controller has recorded it,
   * a moment before the broker serves it, and a producer started right after `stack up` should not
   * see "unknown topic".
   */
  private static void awaitListed(Admin admin, List<String> topics)
      throws InterruptedException, ExecutionException, TimeoutException {
    awaitTopics(admin, names -> names.containsAll(topics), "did not list " + topics + " within");
  }

  /** Waits until the broker no longer lists the deleted topics, as {@link #awaitListed} waits. */
  private static void awaitUnlisted(Admin admin, List<String> topics)
      throws InterruptedException, ExecutionException, TimeoutException {
    awaitTopics(
        admin,
        names -> names.stream().noneMatch(topics::contains),
        "still lists " + topics + " after");
  }

  /**
   * Polls the broker's topic list until {@code done} holds of it, for at most {@link
   * #LISTED_DEADLINE}; {@code notDone} says what the broker did instead ("still lists [a] after").
   */
  private static void awaitTopics(Admin admin, Predicate<Set<String>> done, String notDone)
      throws InterruptedException, ExecutionException, TimeoutException {
    Instant deadline = Instant.now().plus(LISTED_DEADLINE);
    while (!done.test(admin.listTopics().names().get(30, TimeUnit.SECONDS))) {
      if (Instant.now().isAfter(deadline)) {
        throw new TimeoutException(
            "the broker " + notDone + " " + LISTED_DEADLINE.toSeconds() + " s");
      }
      Thread.sleep(50);
    }
  }

  private static Admin admin(String bootstrapServers, Duration timeout) {
    int millis = (int) Math.max(1_000, timeout.toMillis());
    Properties p = new Properties();
    p.putAll(
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
            Integer.toString(millis),
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
            Integer.toString(millis),
            AdminClientConfig.CLIENT_ID_CONFIG,
            "hotline-stack"));
    return Admin.create(p);
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
