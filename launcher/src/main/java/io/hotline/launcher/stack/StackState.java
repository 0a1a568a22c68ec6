package io.hotline.launcher.stack;

import io.hotline.launcher.UserError;
import io.hotline.schemas.clickhouse.ClickHouseConfig;
import io.hotline.schemas.kafka.KafkaConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;

/**
 * What {@code hotline stack up} left running, as written to {@code <var>/stack.properties}: how
 * every other command finds ClickHouse and Kafka. The file holds the {@link ClickHouseConfig} and
 * {@link KafkaConfig} keys, so it can also be read as plain configuration.
 *
 * @param clickHouse how to reach ClickHouse
 * @param kafka how to reach Kafka
 * @param clickHouseLocal whether ClickHouse was started by the stack (else it is external)
 * @param clickHousePid the local server's pid, 0 when external
 * @param clickHouseTcpPort the local server's native-protocol port, 0 when external (its HTTP port
 *     is in the URL)
 * @param kafkaLocal whether Kafka was started by the stack (else it is external)
 * @param kafkaPid the local broker's pid, 0 when external
 * @param kafkaControllerPort the local broker's controller port, 0 when external (its client port
 *     is in the bootstrap servers)
 */
public record StackState(
    ClickHouseConfig clickHouse,
    KafkaConfig kafka,
    boolean clickHouseLocal,
    long clickHousePid,
    int clickHouseTcpPort,
    boolean kafkaLocal,
    long kafkaPid,
    int kafkaControllerPort) {

  /** The file's name inside the var directory. */
  public static final String FILE_NAME = "stack.properties";

  private static final String CLICKHOUSE_LOCAL = "stack.clickhouse.local";
  private static final String CLICKHOUSE_PID = "stack.clickhouse.pid";
  private static final String CLICKHOUSE_HTTP_PORT = "stack.clickhouse.http-port";
  private static final String CLICKHOUSE_TCP_PORT = "stack.clickhouse.tcp-port";
  private static final String KAFKA_LOCAL = "stack.kafka.local";
  private static final String KAFKA_PID = "stack.kafka.pid";
  private static final String KAFKA_PORT = "stack.kafka.port";
  private static final String KAFKA_CONTROLLER_PORT = "stack.kafka.controller-port";

  /**
   * The ClickHouse and Kafka of the stack running from {@code varDir}.
   *
   * @throws UserError when no stack was started there, or its file is unreadable
   */
  public static StackState load(Path varDir) {
    return find(varDir)
        .orElseThrow(
            () ->
                new UserError(
                    "no stack is running from "
                        + varDir
                        + " (no "
                        + FILE_NAME
                        + "): run `hotline stack up` first"));
  }

  /** Like {@link #load} but empty when no stack was started from {@code varDir}. */
  public static Optional<StackState> find(Path varDir) {
    Path file = file(varDir);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      p.load(in);
      return Optional.of(fromProperties(p));
    } catch (IOException e) {
      throw new UserError("cannot read " + file + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new UserError(
          file + " is damaged (" + e.getMessage() + "): run `hotline stack up` again", e);
    }
  }

  /** Where the state of the stack in {@code varDir} is kept. */
  public static Path file(Path varDir) {
    return varDir.resolve(FILE_NAME);
  }

  /** Writes the state to {@code <varDir>/stack.properties}, replacing what was there. */
  public void save(Path varDir) {
    Properties p = toProperties();
    StringBuilder text = new StringBuilder();
    text.append("# Written by `hotline stack up`: where the running stack's servers are.\n");
    text.append("# Other hotline commands read it; `hotline stack down` removes it.\n");
    for (String key : new TreeSet<>(p.stringPropertyNames())) {
      text.append(key).append('=').append(escape(p.getProperty(key))).append('\n');
    }
    try {
      Files.createDirectories(varDir);
      Path tmp = Files.createTempFile(varDir, FILE_NAME, ".tmp");
      Files.writeString(tmp, text, StandardCharsets.ISO_8859_1);
      // Replace in one step, so a reader never sees half a file.
      Files.move(
          tmp,
          file(varDir),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UserError("cannot write " + file(varDir) + ": " + e.getMessage(), e);
    }
  }

  /** Removes the state file; true if there was one. */
  public static boolean delete(Path varDir) {
    try {
      return Files.deleteIfExists(file(varDir));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + file(varDir), e);
    }
  }

  Properties toProperties() {
    Properties p = new Properties();
    p.putAll(clickHouse.toProperties());
    p.putAll(kafka.toProperties());
    p.setProperty(CLICKHOUSE_LOCAL, Boolean.toString(clickHouseLocal));
    p.setProperty(CLICKHOUSE_PID, Long.toString(clickHousePid));
    p.setProperty(CLICKHOUSE_HTTP_PORT, Integer.toString(clickHouseLocal ? clickHouse.port() : 0));
    p.setProperty(CLICKHOUSE_TCP_PORT, Integer.toString(clickHouseTcpPort));
    p.setProperty(KAFKA_LOCAL, Boolean.toString(kafkaLocal));
    p.setProperty(KAFKA_PID, Long.toString(kafkaPid));
    p.setProperty(KAFKA_PORT, kafkaLocal ? kafka.bootstrapServers().replaceAll("^.*:", "") : "0");
    p.setProperty(KAFKA_CONTROLLER_PORT, Integer.toString(kafkaControllerPort));
    return p;
  }

  static StackState fromProperties(Properties p) {
    return new StackState(
        ClickHouseConfig.fromProperties(p),
        KafkaConfig.fromProperties(p),
        Boolean.parseBoolean(p.getProperty(CLICKHOUSE_LOCAL)),
        number(p, CLICKHOUSE_PID),
        (int) number(p, CLICKHOUSE_TCP_PORT),
        Boolean.parseBoolean(p.getProperty(KAFKA_LOCAL)),
        number(p, KAFKA_PID),
        (int) number(p, KAFKA_CONTROLLER_PORT));
  }

  private static long number(Properties p, String key) {
    String value = p.getProperty(key, "0").strip();
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " is not a number: " + value, e);
    }
  }

  private static String escape(String value) {
    // Properties.load rules: backslash escapes, and characters outside Latin-1 as \\uXXXX.
    StringBuilder out = new StringBuilder();
    for (char c : value.toCharArray()) {
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c > 0xff) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    if (!out.isEmpty() && out.charAt(0) == ' ') {
      out.insert(0, '\\');
    }
    return out.toString();
  }
}
