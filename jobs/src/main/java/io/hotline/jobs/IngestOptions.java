package io.hotline.jobs;

import io.hotline.schemas.clickhouse.ClickHouseConfig;
import io.hotline.schemas.kafka.KafkaConfig;
import java.io.Serializable;
import java.time.Duration;
import java.util.Properties;

/**
 * The options of the ingest job, with the Kafka and ClickHouse configurations it reads from and
 * writes to. Keys, defaults and meaning of the job's own options are listed in {@link Option};
 * Kafka's and ClickHouse's are in {@link KafkaConfig.Option} and {@link ClickHouseConfig.Option}.
 */
public record IngestOptions(
    KafkaConfig kafka,
    ClickHouseConfig clickHouse,
    String callerSecret,
    String groupId,
    boolean untilCaughtUp,
    Duration checkpointInterval,
    Duration watermarkDelay,
    Duration sourceIdleness,
    Duration dedupRetention,
    Duration allowedLateness,
    Duration earlyFiringInterval,
    Duration sinkGiveUpAfter,
    int restartAttempts,
    int parallelism)
    implements Serializable {

  /**
   * A fixed secret for demos and tests only; the launcher refuses it outside demo mode, because
   * with a known secret anyone could test whether a number called.
   */
  public static final String DEMO_CALLER_SECRET = "demo-only-caller-secret-not-for-production";

  /** The job's own options: key, default and meaning. */
  public enum Option {
    CALLER_SECRET(
        "ingest.caller-secret", "", "HMAC secret for caller pseudonyms; required, >= 16 chars"),
    GROUP_ID("ingest.group-id", "hotline-ingest", "Kafka consumer group (offsets in checkpoints)"),
    UNTIL_CAUGHT_UP(
        "ingest.until-caught-up", "false", "stop once the offsets present at start are read"),
    CHECKPOINT_INTERVAL_MS("ingest.checkpoint-interval-ms", "10000", "checkpoint every N ms"),
    WATERMARK_DELAY_MS(
        "ingest.watermark-delay-ms", "300000", "how far out of order events may arrive"),
    SOURCE_IDLENESS_MS(
        "ingest.source-idleness-ms", "30000", "a partition silent this long holds no watermark"),
    DEDUP_RETENTION_MS(
        "ingest.dedup-retention-ms", "172800000", "a repeated id is recognised this long (2 days)"),
    ALLOWED_LATENESS_MS(
        "ingest.allowed-lateness-ms",
        "3600000",
        "a call up to this late still updates its minute (after the watermark delay)"),
    EARLY_FIRING_MS(
        "ingest.early-firing-ms", "2000", "partial minute rows this often while calls arrive"),
    SINK_GIVE_UP_AFTER_MS(
        "ingest.sink-give-up-after-ms", "600000", "retry ClickHouse this long before failing"),
    RESTART_ATTEMPTS(
        "ingest.restart-attempts", "10", "restarts from the last checkpoint before giving up"),
    PARALLELISM("ingest.parallelism", "2", "parallel instances of each operator");

    private final String key;
    private final String defaultValue;
    private final String description;

    Option(String key, String defaultValue, String description) {
      this.key = key;
      this.defaultValue = defaultValue;
      this.description = description;
    }

    public String key() {
      return key;
    }

    public String defaultValue() {
      return defaultValue;
    }

    public String description() {
      return description;
    }

    String read(Properties p) {
      return p.getProperty(key, defaultValue).trim();
    }

    int wholeNumber(Properties p) {
      try {
        return Integer.parseInt(read(p));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(key + " must be a whole number, got: " + read(p));
      }
    }

    Duration millis(Properties p) {
      try {
        long ms = Long.parseLong(read(p));
        if (ms < 0) {
          throw new NumberFormatException();
        }
        return Duration.ofMillis(ms);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            key + " must be a whole number of milliseconds, got: " + read(p));
      }
    }
  }

  public IngestOptions {
    if (callerSecret == null || callerSecret.length() < 16) {
      throw new IllegalArgumentException(
          Option.CALLER_SECRET.key
              + " must be set to a secret of at least 16 characters"
              + " (it keys the pseudonyms of callers' numbers)");
    }
    if (restartAttempts < 0) {
      throw new IllegalArgumentException(Option.RESTART_ATTEMPTS.key + " must not be negative");
    }
    if (parallelism < 1) {
      throw new IllegalArgumentException(Option.PARALLELISM.key + " must be at least 1");
    }
  }

  /** Reads every option (the job's, Kafka's and ClickHouse's) from one set of properties. */
  public static IngestOptions fromProperties(Properties p) {
    return new IngestOptions(
        KafkaConfig.fromProperties(p),
        ClickHouseConfig.fromProperties(p),
        Option.CALLER_SECRET.read(p),
        Option.GROUP_ID.read(p),
        Boolean.parseBoolean(Option.UNTIL_CAUGHT_UP.read(p)),
        Option.CHECKPOINT_INTERVAL_MS.millis(p),
        Option.WATERMARK_DELAY_MS.millis(p),
        Option.SOURCE_IDLENESS_MS.millis(p),
        Option.DEDUP_RETENTION_MS.millis(p),
        Option.ALLOWED_LATENESS_MS.millis(p),
        Option.EARLY_FIRING_MS.millis(p),
        Option.SINK_GIVE_UP_AFTER_MS.millis(p),
        Option.RESTART_ATTEMPTS.wholeNumber(p),
        Option.PARALLELISM.wholeNumber(p));
  }

  /** These options with the demo secret and other defaults, for local runs and tests. */
  public static IngestOptions demo(KafkaConfig kafka, ClickHouseConfig clickHouse) {
    Properties p = new Properties();
    p.setProperty(Option.CALLER_SECRET.key, DEMO_CALLER_SECRET);
    IngestOptions d = fromProperties(p);
    return d.with(kafka, clickHouse);
  }

  public IngestOptions with(KafkaConfig otherKafka, ClickHouseConfig otherClickHouse) {
    return new IngestOptions(
        otherKafka,
        otherClickHouse,
        callerSecret,
        groupId,
        untilCaughtUp,
        checkpointInterval,
        watermarkDelay,
        sourceIdleness,
        dedupRetention,
        allowedLateness,
        earlyFiringInterval,
        sinkGiveUpAfter,
        restartAttempts,
        parallelism);
  }

  /** The same options under another consumer group, e.g. to replay the topics from the start. */
  public IngestOptions withGroupId(String otherGroupId) {
    return new IngestOptions(
        kafka,
        clickHouse,
        callerSecret,
        otherGroupId,
        untilCaughtUp,
        checkpointInterval,
        watermarkDelay,
        sourceIdleness,
        dedupRetention,
        allowedLateness,
        earlyFiringInterval,
        sinkGiveUpAfter,
        restartAttempts,
        parallelism);
  }

  /** The same options checkpointing at another interval. */
  public IngestOptions withCheckpointInterval(Duration interval) {
    return new IngestOptions(
        kafka,
        clickHouse,
        callerSecret,
        groupId,
        untilCaughtUp,
        interval,
        watermarkDelay,
        sourceIdleness,
        dedupRetention,
        allowedLateness,
        earlyFiringInterval,
        sinkGiveUpAfter,
        restartAttempts,
        parallelism);
  }

  /** The same options with another number of restarts (0: fail at the first error). */
  public IngestOptions withRestartAttempts(int attempts) {
    return new IngestOptions(
        kafka,
        clickHouse,
        callerSecret,
        groupId,
        untilCaughtUp,
        checkpointInterval,
        watermarkDelay,
        sourceIdleness,
        dedupRetention,
        allowedLateness,
        earlyFiringInterval,
        sinkGiveUpAfter,
        attempts,
        parallelism);
  }

  /** The same options with other bounds for late calls and early results. */
  public IngestOptions withLateness(Duration lateness, Duration earlyFiring) {
    return new IngestOptions(
        kafka,
        clickHouse,
        callerSecret,
        groupId,
        untilCaughtUp,
        checkpointInterval,
        watermarkDelay,
        sourceIdleness,
        dedupRetention,
        lateness,
        earlyFiring,
        sinkGiveUpAfter,
        restartAttempts,
        parallelism);
  }

  public IngestOptions untilCaughtUp(boolean stopWhenCaughtUp) {
    return new IngestOptions(
        kafka,
        clickHouse,
        callerSecret,
        groupId,
        stopWhenCaughtUp,
        checkpointInterval,
        watermarkDelay,
        sourceIdleness,
        dedupRetention,
        allowedLateness,
        earlyFiringInterval,
        sinkGiveUpAfter,
        restartAttempts,
        parallelism);
  }

  @Override
  public String toString() {
    // The secret never reaches a log.
    return "IngestOptions[kafka="
        + kafka
        + ", clickHouse="
        + clickHouse
        + ", groupId="
        + groupId
        + ", untilCaughtUp="
        + untilCaughtUp
        + ", parallelism="
        + parallelism
        + "]";
  }
}
