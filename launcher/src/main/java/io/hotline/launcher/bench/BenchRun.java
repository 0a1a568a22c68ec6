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
 * run so that runs never see each other's data; the database is dropped when the run closes (the
 * topics stay, as Kafka deletes them by retention).
 */
record BenchRun(String name, KafkaConfig kafka, ClickHouseConfig clickHouse)
    implements AutoCloseable {

  /** Creates the run's topics and migrated database on the stack found in {@code var}. */
  static BenchRun open(Path var) throws Exception {
    StackState stack = StackState.load(var);
    String name = "bench" + System.currentTimeMillis();
    KafkaConfig kafka = stack.kafka().withTopicSuffix(name);
    KafkaTopics.ensure(kafka);
    ClickHouseConfig clickHouse = stack.clickHouse().withDatabase(name);
    Migrations.apply(clickHouse);
    return new BenchRun(name, kafka, clickHouse);
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

  @Override
  public void close() throws IOException {
    http().execute("DROP DATABASE IF EXISTS " + name);
  }
}
