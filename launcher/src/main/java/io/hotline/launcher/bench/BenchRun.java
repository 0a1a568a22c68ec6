package io.hotline.launcher.bench;

import io.hotline.launcher.stack.KafkaTopics;
import io.hotline.launcher.stack.StackState;
import io.hotline.schemas.clickhouse.ClickHouseConfig;
import io.hotline.schemas.clickhouse.ClickHouseHttp;
import io.hotline.schemas.clickhouse.Migrations;
import io.hotline.schemas.kafka.KafkaConfig;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Kafka topics and a ClickHouse database of one benchmark run on the local stack, named after the
 * run so that runs never see each other's data. Both are deleted when the run closes, or when the
 * bench is stopped (Ctrl-C): a national month leaves gigabytes in each, and repeated runs filled
 * the disk. What a run killed outright left behind is deleted when the next one opens (see {@link
 * BenchLeftovers}).
 */
record BenchRun(String name, KafkaConfig kafka, ClickHouseConfig clickHouse, Thread cleanup)
    implements AutoCloseable {

  /** Creates the run's topics and migrated database on the stack found in {@code var}. */
  static BenchRun open(Path var) throws Exception {
    StackState stack = StackState.load(var);
    for (String dead : BenchLeftovers.deleteDeadRuns(stack)) {
      System.err.println(
          "bench: deleted the database and topics of " + dead + ", a run killed outright");
    }
    String name = BenchLeftovers.newRunName();
    KafkaConfig kafka = stack.kafka().withTopicSuffix(name);
    KafkaTopics.ensure(kafka);
    ClickHouseConfig clickHouse = stack.clickHouse().withDatabase(name);
    Migrations.apply(clickHouse);
    Thread cleanup = new Thread(() -> deleteQuietly(name, kafka, clickHouse), "delete " + name);
    Runtime.getRuntime().addShutdownHook(cleanup);
    return new BenchRun(name, kafka, clickHouse, cleanup);
  }

  /** For the shutdown hook: a run stopped midway deletes what it made. */
  private static void deleteQuietly(String name, KafkaConfig kafka, ClickHouseConfig clickHouse) {
    try {
      BenchLeftovers.delete(name, kafka, clickHouse);
    } catch (IOException | RuntimeException e) {
      System.err.println("bench: could not delete " + name + ": " + e.getMessage());
    }
  }

  ClickHouseHttp http() {
    return new ClickHouseHttp(clickHouse);
  }

  /** Deletes a directory the run made (a job's checkpoints) with all it holds. */
  static void deleteTree(Path dir) throws IOException {
    try (var paths = java.nio.file.Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        java.nio.file.Files.deleteIfExists(p);
      }
    }
  }

  /** Deletes the run's database and topics. */
  @Override
  public void close() throws IOException {
    Runtime.getRuntime().removeShutdownHook(cleanup);
    BenchLeftovers.delete(name, kafka, clickHouse);
  }
}
