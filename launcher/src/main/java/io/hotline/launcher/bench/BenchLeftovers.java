package io.hotline.launcher.bench;

import io.hotline.launcher.stack.KafkaTopics;
import io.hotline.launcher.stack.StackState;
import io.hotline.schemas.clickhouse.ClickHouseConfig;
import io.hotline.schemas.clickhouse.ClickHouseHttp;
import io.hotline.schemas.kafka.KafkaConfig;
import java.io.IOException;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The databases and topics of bench runs on the local stack. A run is named after its start and its
 * process ({@code bench1764000000000_4242}), deletes what it made when it ends or is stopped, and —
 * since a run killed outright (SIGKILL, a machine restart) cannot — deletes, before it starts, what
 * runs whose process is gone left behind: a national month leaves gigabytes in each.
 */
public final class BenchLeftovers {
  private static final Pattern RUN = Pattern.compile("bench[0-9]+_([0-9]+)");
  private static final Pattern RUN_TOPIC = Pattern.compile(".+-(" + RUN.pattern() + ")");

  private BenchLeftovers() {}

  /** The name of a new run of this process. */
  static String newRunName() {
    return "bench" + System.currentTimeMillis() + "_" + ProcessHandle.current().pid();
  }

  /**
   * Deletes the database and topics of every run whose process is no longer alive, and returns
   * their names. A process id the system has since given to another process keeps its run's
   * leftovers until that process ends: they are never deleted under a live run.
   */
  public static List<String> deleteDeadRuns(StackState stack) throws IOException {
    TreeSet<String> runs = new TreeSet<>();
    for (List<String> row :
        new ClickHouseHttp(stack.clickHouse())
            .query("SELECT name FROM system.databases WHERE match(name, '^" + RUN + "$')")) {
      runs.add(row.get(0));
    }
    for (String topic : KafkaTopics.list(stack.kafka().bootstrapServers())) {
      Matcher m = RUN_TOPIC.matcher(topic);
      if (m.matches()) {
        runs.add(m.group(1));
      }
    }
    List<String> dead = runs.stream().filter(run -> !alive(run)).toList();
    for (String run : dead) {
      delete(run, stack.kafka().withTopicSuffix(run), stack.clickHouse());
    }
    return dead;
  }

  /** Whether the run's process may still be running; a name that does not parse counts as alive. */
  private static boolean alive(String run) {
    Matcher m = RUN.matcher(run);
    if (!m.matches()) {
      return true;
    }
    try {
      long pid = Long.parseLong(m.group(1));
      return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    } catch (NumberFormatException e) {
      return true; // more digits than a process id has: not a name this class gave
    }
  }

  /**
   * Deletes a run's database and topics, each even if the other is missing or cannot be deleted: a
   * run killed between making the one and the other leaves only one of them.
   *
   * @param server the ClickHouse server, whatever database the config names
   */
  static void delete(String run, KafkaConfig kafka, ClickHouseConfig server) throws IOException {
    try {
      // Through the server's default database: ClickHouse refuses a request that names a
      // database it does not have, even one that only drops it if it exists.
      new ClickHouseHttp(server.withDatabase("default")).execute("DROP DATABASE IF EXISTS " + run);
    } finally {
      KafkaTopics.delete(kafka);
    }
  }
}
