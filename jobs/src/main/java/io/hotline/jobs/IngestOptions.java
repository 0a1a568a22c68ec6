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
    String checkpointDir,
    Duration checkpointInterval,
    Duration watermarkDelay,
    Duration sourceIdleness,
    Duration dedupRetention,
    Duration allowedLateness,
    Duration earlyFiringInterval,
    Duration sinkGiveUpAfter,
    Duration sinkMaxDelay,
    int restartAttempts,
    int parallelism,
    Duration recordingWait,
    double shortRecordingRatio,
    AlertThresholds alerts)
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
    CHECKPOINT_DIR(
        "ingest.checkpoint-dir",
        "",
        "checkpoint storage URI, e.g. file:///var/lib/hotline/checkpoints or s3://…;"
            + " empty: a directory under the system temp dir"),
    // The heap state backend writes all keyed state at every checkpoint (about 250 MB on a
    // national month): every 10 s that took a sixth of the job's time. Rows reach ClickHouse
    // within the sink's max delay whatever the interval; a restart replays up to one interval.
    CHECKPOINT_INTERVAL_MS(
        "ingest.checkpoint-interval-ms",
        "60000",
        "checkpoint every N ms (a restart replays up to this much input)"),
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
    SINK_MAX_DELAY_MS(
        "ingest.sink-max-delay-ms",
        "1000",
        "rows wait at most this long before they are written to ClickHouse (0: only at"
            + " checkpoints and full batches)"),
    RESTART_ATTEMPTS(
        "ingest.restart-attempts", "10", "restarts from the last checkpoint before giving up"),
    PARALLELISM("ingest.parallelism", "2", "parallel instances of each operator"),
    RECORDING_WAIT_MS(
        "ingest.recording-wait-ms",
        "7200000",
        "how long (event time) after a call's end, or a recording's, the other may still arrive"),
    SHORT_RECORDING_RATIO(
        "ingest.short-recording-ratio",
        "0.5",
        "a recording shorter than this share of the talk time is a duration mismatch"),
    ALERT_SERVICE_HOURS(
        "alerts.service-hours",
        "08:30-12:00,14:00-17:30",
        "agent hours on working days (holiday calendar), China time; rates and silence are"
            + " judged only inside them"),
    ALERT_MIN_OFFERED(
        "alerts.min-offered", "20", "calls offered in a window before its rates are judged"),
    ALERT_ANSWER_RATE_WINDOW_MS(
        "alerts.answer-rate-window-ms", "1800000", "window of the answer-rate alert (30 min)"),
    ALERT_ANSWER_RATE_TARGET(
        "alerts.answer-rate-target", "0.5", "alert when the window's answer rate is below this"),
    ALERT_ABANDON_WINDOW_MS(
        "alerts.abandon-window-ms", "900000", "window of the abandonment-spike alert (15 min)"),
    ALERT_ABANDON_RATE(
        "alerts.abandon-rate", "0.5", "alert when the window's abandonment rate is at least this"),
    ALERT_ABANDON_FACTOR(
        "alerts.abandon-factor",
        "2.0",
        "… and at least this many times the centre's rate over the baseline days"),
    ALERT_TOPIC_WINDOW_MS(
        "alerts.topic-window-ms", "10800000", "window of the topic-surge alert (3 h)"),
    ALERT_TOPIC_FACTOR(
        "alerts.topic-factor",
        "2.5",
        "alert when a topic's share of the window is this many times its baseline share"),
    ALERT_TOPIC_MIN_CALLS(
        "alerts.topic-min-calls", "20", "… with at least this many calls about it in the window"),
    ALERT_TOPIC_MIN_Z(
        "alerts.topic-min-z",
        "5.0",
        "… and (calls − expected) / √expected at least this (rules out chance)"),
    ALERT_BASELINE_DAYS(
        "alerts.baseline-days", "7", "days before today that form a centre's usual rates"),
    ALERT_SILENCE_MS(
        "alerts.silence-ms",
        "1200000",
        "alert when a centre sends nothing for this much service time (20 min)"),
    ALERT_VOICEMAIL_WORKING_DAYS(
        "alerts.voicemail-working-days",
        "3",
        "a voicemail not called back this many working days after the day it was left is"
            + " overdue");

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

    double decimal(Properties p) {
      try {
        double d = Double.parseDouble(read(p));
        if (!(d >= 0) || Double.isInfinite(d)) {
          throw new NumberFormatException();
        }
        return d;
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(key + " must be a number of 0 or more, got: " + read(p));
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
    if (shortRecordingRatio > 1) {
      throw new IllegalArgumentException(
          Option.SHORT_RECORDING_RATIO.key + " must be from 0 to 1, got: " + shortRecordingRatio);
    }
  }

  /**
   * Checkpoints go to a file system, never to the JobManager's memory (which caps state at 5 MB and
   * loses it with the process); without a configured place, a directory under the temp dir.
   */
  private static String checkpointDirOrDefault(String configured) {
    if (!configured.isEmpty()) {
      return configured;
    }
    return java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "hotline-checkpoints")
        .toUri()
        .toString();
  }

  /** Reads every option (the job's, Kafka's and ClickHouse's) from one set of properties. */
  public static IngestOptions fromProperties(Properties p) {
    return new IngestOptions(
        KafkaConfig.fromProperties(p),
        ClickHouseConfig.fromProperties(p),
        Option.CALLER_SECRET.read(p),
        Option.GROUP_ID.read(p),
        Boolean.parseBoolean(Option.UNTIL_CAUGHT_UP.read(p)),
        checkpointDirOrDefault(Option.CHECKPOINT_DIR.read(p)),
        Option.CHECKPOINT_INTERVAL_MS.millis(p),
        Option.WATERMARK_DELAY_MS.millis(p),
        Option.SOURCE_IDLENESS_MS.millis(p),
        Option.DEDUP_RETENTION_MS.millis(p),
        Option.ALLOWED_LATENESS_MS.millis(p),
        Option.EARLY_FIRING_MS.millis(p),
        Option.SINK_GIVE_UP_AFTER_MS.millis(p),
        Option.SINK_MAX_DELAY_MS.millis(p),
        Option.RESTART_ATTEMPTS.wholeNumber(p),
        Option.PARALLELISM.wholeNumber(p),
        Option.RECORDING_WAIT_MS.millis(p),
        Option.SHORT_RECORDING_RATIO.decimal(p),
        AlertThresholds.fromProperties(p));
  }

  /** These options with the demo secret and other defaults, for local runs and tests. */
  public static IngestOptions demo(KafkaConfig kafka, ClickHouseConfig clickHouse) {
    Properties p = new Properties();
    p.putAll(kafka.toProperties());
    p.putAll(clickHouse.toProperties());
    p.setProperty(Option.CALLER_SECRET.key, DEMO_CALLER_SECRET);
    return fromProperties(p);
  }

  /** Every option as properties, the inverse of {@link #fromProperties}. */
  public Properties toProperties() {
    Properties p = new Properties();
    p.putAll(kafka.toProperties());
    p.putAll(clickHouse.toProperties());
    p.setProperty(Option.CALLER_SECRET.key, callerSecret);
    p.setProperty(Option.GROUP_ID.key, groupId);
    p.setProperty(Option.UNTIL_CAUGHT_UP.key, Boolean.toString(untilCaughtUp));
    p.setProperty(Option.CHECKPOINT_DIR.key, checkpointDir);
    p.setProperty(Option.CHECKPOINT_INTERVAL_MS.key, millis(checkpointInterval));
    p.setProperty(Option.WATERMARK_DELAY_MS.key, millis(watermarkDelay));
    p.setProperty(Option.SOURCE_IDLENESS_MS.key, millis(sourceIdleness));
    p.setProperty(Option.DEDUP_RETENTION_MS.key, millis(dedupRetention));
    p.setProperty(Option.ALLOWED_LATENESS_MS.key, millis(allowedLateness));
    p.setProperty(Option.EARLY_FIRING_MS.key, millis(earlyFiringInterval));
    p.setProperty(Option.SINK_GIVE_UP_AFTER_MS.key, millis(sinkGiveUpAfter));
    p.setProperty(Option.SINK_MAX_DELAY_MS.key, millis(sinkMaxDelay));
    p.setProperty(Option.RESTART_ATTEMPTS.key, Integer.toString(restartAttempts));
    p.setProperty(Option.PARALLELISM.key, Integer.toString(parallelism));
    p.setProperty(Option.RECORDING_WAIT_MS.key, millis(recordingWait));
    p.setProperty(Option.SHORT_RECORDING_RATIO.key, Double.toString(shortRecordingRatio));
    p.putAll(alerts.toProperties());
    return p;
  }

  /** The same options with one changed, validated like any other. */
  public IngestOptions with(Option option, Object value) {
    Properties p = toProperties();
    p.setProperty(option.key, value instanceof Duration d ? millis(d) : String.valueOf(value));
    return fromProperties(p);
  }

  /** The same options against other Kafka and ClickHouse servers. */
  public IngestOptions with(KafkaConfig otherKafka, ClickHouseConfig otherClickHouse) {
    Properties p = toProperties();
    p.putAll(otherKafka.toProperties());
    p.putAll(otherClickHouse.toProperties());
    return fromProperties(p);
  }

  /** The same options under another consumer group, e.g. to replay the topics from the start. */
  public IngestOptions withGroupId(String otherGroupId) {
    return with(Option.GROUP_ID, otherGroupId);
  }

  public IngestOptions withCheckpointInterval(Duration interval) {
    return with(Option.CHECKPOINT_INTERVAL_MS, interval);
  }

  /** The same options with another number of restarts (0: fail at the first error). */
  public IngestOptions withRestartAttempts(int attempts) {
    return with(Option.RESTART_ATTEMPTS, attempts);
  }

  /** The same options with other bounds for late calls and early results. */
  public IngestOptions withLateness(Duration lateness, Duration earlyFiring) {
    return with(Option.ALLOWED_LATENESS_MS, lateness).with(Option.EARLY_FIRING_MS, earlyFiring);
  }

  public IngestOptions untilCaughtUp(boolean stopWhenCaughtUp) {
    return with(Option.UNTIL_CAUGHT_UP, stopWhenCaughtUp);
  }

  static String millis(Duration d) {
    return Long.toString(d.toMillis());
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
