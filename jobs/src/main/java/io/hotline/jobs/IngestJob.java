package io.hotline.jobs;

import io.hotline.jobs.clickhouse.AlertRows;
import io.hotline.jobs.clickhouse.CallMatchRows;
import io.hotline.jobs.clickhouse.CallRows;
import io.hotline.jobs.clickhouse.ClickHouseSink;
import io.hotline.jobs.clickhouse.DeadLetterRows;
import io.hotline.jobs.clickhouse.MinuteRows;
import io.hotline.jobs.clickhouse.RecordingRows;
import io.hotline.jobs.clickhouse.SmsRows;
import io.hotline.jobs.clickhouse.TableRows;
import io.hotline.jobs.functions.AlertJson;
import io.hotline.jobs.functions.CallRateAlerts;
import io.hotline.jobs.functions.CountPerMinute;
import io.hotline.jobs.functions.DeadLetterJson;
import io.hotline.jobs.functions.DeduplicateById;
import io.hotline.jobs.functions.KafkaIngestDeserializer;
import io.hotline.jobs.functions.MatchRecordings;
import io.hotline.jobs.functions.RecordParser;
import io.hotline.jobs.functions.SilenceAlerts;
import io.hotline.jobs.functions.SplitByKind;
import io.hotline.jobs.functions.VoicemailAlerts;
import io.hotline.jobs.functions.WatermarkListeningOperator;
import io.hotline.jobs.privacy.CallerPseudonymizer;
import io.hotline.jobs.records.Alert;
import io.hotline.jobs.records.CallMatch;
import io.hotline.jobs.records.CdrTypeInfo;
import io.hotline.jobs.records.CenterBeat;
import io.hotline.jobs.records.DeadLetter;
import io.hotline.jobs.records.IngestRecord;
import io.hotline.jobs.records.MinuteRow;
import io.hotline.schemas.events.Cdr;
import io.hotline.schemas.events.EventKind;
import io.hotline.schemas.events.Recording;
import io.hotline.schemas.events.Sms;
import io.hotline.schemas.kafka.KafkaConfig;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.OutputTag;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * The ingest job: reads {@code cdr}, {@code recording} and {@code sms} from Kafka, validates every
 * record with the shared parser (caller numbers pseudonymised on the spot), drops repeated
 * deliveries by id, and writes calls, recordings, messages and dead letters to ClickHouse (dead
 * letters also to the dead-letter topic). It also joins recordings with calls ({@code
 * recording_matches}) and raises live alerts per centre ({@code alerts} table and alert topic).
 *
 * <p>Options (a properties file as the only argument, or {@code --key value} pairs): the job's own,
 * listed with defaults in {@link IngestOptions.Option} ({@code ingest.caller-secret} is required;
 * {@code ingest.group-id}, {@code ingest.until-caught-up}, {@code ingest.checkpoint-dir}, {@code
 * ingest.checkpoint-interval-ms}, {@code ingest.watermark-delay-ms}, {@code
 * ingest.source-idleness-ms}, {@code ingest.dedup-retention-ms}, {@code
 * ingest.allowed-lateness-ms}, {@code ingest.early-firing-ms}, {@code
 * ingest.sink-give-up-after-ms}, {@code ingest.sink-max-delay-ms}, {@code ingest.restart-attempts},
 * {@code ingest.parallelism}, {@code ingest.recording-wait-ms}, {@code
 * ingest.short-recording-ratio}, and the alert thresholds {@code alerts.*}), Kafka's {@code
 * kafka.*} and ClickHouse's {@code clickhouse.*}. The same options serve {@code hotline jobs run}
 * (local MiniCluster) and {@code flink run} of the shaded jar.
 */
public final class IngestJob {

  /**
   * Where the job's outputs go; tests plug in collecting sinks. The topic sinks may be null (no
   * Kafka output).
   */
  public record Sinks(
      Sink<Cdr> calls,
      Sink<Cdr> lateCalls,
      Sink<MinuteRow> minutes,
      Sink<Recording> recordings,
      Sink<Sms> sms,
      Sink<DeadLetter> deadLetters,
      Sink<DeadLetter> deadLetterTopic,
      Sink<Alert> alerts,
      Sink<Alert> alertTopic,
      Sink<CallMatch> recordingMatches) {

    /** The production sinks: ClickHouse tables, plus the dead-letter Kafka topic. */
    public static Sinks of(IngestOptions o) {
      String source = "kafka";
      return new Sinks(
          table(o, new CallRows(source, false)),
          table(o, new CallRows(source, true)),
          table(o, new MinuteRows()),
          table(o, new RecordingRows(source)),
          table(o, new SmsRows(source)),
          table(o, new DeadLetterRows()),
          IngestJob.deadLetterTopic(o.kafka()),
          table(o, new AlertRows()),
          IngestJob.alertTopic(o.kafka()),
          table(o, new CallMatchRows()));
    }

    private static <T> Sink<T> table(IngestOptions o, TableRows<T> rows) {
      return new ClickHouseSink<>(o.clickHouse(), rows, o.sinkGiveUpAfter(), o.sinkMaxDelay());
    }
  }

  private IngestJob() {}

  public static void main(String[] args) throws Exception {
    run(IngestOptions.fromProperties(readArgs(args)));
  }

  /** Runs the job with Kafka and ClickHouse and waits for it (it ends only when caught up). */
  public static JobExecutionResult run(IngestOptions o) throws Exception {
    return environment(o).execute(JOB_NAME);
  }

  /** Starts the job and returns at once; the client can wait for, or cancel, it. */
  public static JobClient start(IngestOptions o) throws Exception {
    return environment(o).executeAsync(JOB_NAME);
  }

  private static final String JOB_NAME = "hotline ingest";

  /** The whole job, from the Kafka source to the ClickHouse sinks, ready to execute. */
  static StreamExecutionEnvironment environment(IngestOptions o) {
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.getExecutionEnvironment(flinkConfig(o));
    configure(env, o);
    DataStream<IngestRecord> input =
        env.fromSource(kafkaSource(o), watermarks(o), "events from Kafka")
            .uid("kafka-source")
            .setParallelism(Math.min(o.parallelism(), o.kafka().partitions()));
    build(input, Sinks.of(o), o);
    return env;
  }

  /**
   * The newest checkpoint a previous run left in the checkpoint directory (a local {@code file:}
   * URI only; on a cluster, Flink's own recovery does this), so that a stopped or killed job
   * resumes with its state — the open minutes and the ids already seen — rather than only from
   * Kafka's committed offsets, which would undercount the minutes it was in the middle of.
   */
  public static Optional<Path> newestRetainedCheckpoint(IngestOptions o) {
    URI uri = URI.create(o.checkpointDir());
    if (!"file".equals(uri.getScheme())) {
      return Optional.empty();
    }
    Path dir = Path.of(uri);
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.find(dir, 3, (p, a) -> p.endsWith("_metadata"))) {
      return files.max(Comparator.comparing(IngestJob::modified)).map(Path::getParent);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot look for checkpoints in " + dir, e);
    }
  }

  private static FileTime modified(Path p) {
    try {
      return Files.getLastModifiedTime(p);
    } catch (IOException e) {
      return FileTime.fromMillis(0);
    }
  }

  /** Flink settings that follow from the options: checkpoint storage and restarts. */
  public static Configuration flinkConfig(IngestOptions o) {
    Configuration c = new Configuration();
    c.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
    c.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, o.checkpointDir());
    // Keep the last checkpoint when the job is cancelled or dies, so the next run can resume it.
    c.set(
        CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
        ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
    // A run that stops when caught up has bounded sources; a checkpoint of unbounded ones would
    // never finish it, so only open-ended runs resume.
    if (!o.untilCaughtUp()) {
      newestRetainedCheckpoint(o)
          .ifPresent(p -> c.set(StateRecoveryOptions.SAVEPOINT_PATH, p.toUri().toString()));
    }
    if (o.restartAttempts() == 0) {
      c.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
    } else {
      c.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
      c.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, o.restartAttempts());
      c.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofSeconds(5));
    }
    return c;
  }

  /** Checkpointing (exactly-once state, offsets committed on checkpoints) and parallelism. */
  public static void configure(StreamExecutionEnvironment env, IngestOptions o) {
    env.setParallelism(o.parallelism());
    // No function keeps a reference to its input, so records need not be copied between them.
    env.getConfig().enableObjectReuse();
    env.enableCheckpointing(o.checkpointInterval().toMillis(), CheckpointingMode.EXACTLY_ONCE);
  }

  /** Watermarks from event time, per source split, tolerant of silent partitions. */
  public static WatermarkStrategy<IngestRecord> watermarks(IngestOptions o) {
    return WatermarkStrategy.<IngestRecord>forBoundedOutOfOrderness(o.watermarkDelay())
        .withTimestampAssigner((r, previous) -> r.eventTimeMillis())
        .withIdleness(o.sourceIdleness());
  }

  /** The pipeline after the source: split, de-duplicate, write. */
  public static void build(DataStream<IngestRecord> input, Sinks sinks, IngestOptions o) {
    SingleOutputStreamOperator<Cdr> calls =
        input
            .process(new SplitByKind(), CdrTypeInfo.INSTANCE)
            .name("split by event type")
            .uid("split-by-kind");

    // Calls are de-duplicated by centre (every copy of a call is the same record, so the same
    // centre) and stay partitioned by it: the operators keyed by centre after it run in the same
    // task, handed each call without serialising it again (see callsByCentre).
    SingleOutputStreamOperator<Cdr> uniqueCalls =
        dropRepeats(
                calls.keyBy(Cdr::center, Types.STRING),
                "calls",
                "drop repeated calls",
                Cdr::callId,
                o)
            // Not "dedup-calls", keyed by bucket: its state cannot be read as this one's.
            .uid("dedup-calls-by-centre");
    uniqueCalls.sinkTo(sinks.calls()).name("calls to ClickHouse").uid("sink-calls");
    buildMinutes(uniqueCalls, sinks, o);

    DataStream<Recording> recordings = calls.getSideOutput(SplitByKind.RECORDINGS);
    DataStream<Recording> uniqueRecordings =
        dropRepeats(
                byBucket(recordings, Recording::recordingId),
                "recordings",
                "drop repeated recordings",
                Recording::recordingId,
                o)
            .uid("dedup-recordings");
    uniqueRecordings
        .sinkTo(sinks.recordings())
        .name("recordings to ClickHouse")
        .uid("sink-recordings");

    DataStream<Sms> sms = calls.getSideOutput(SplitByKind.SMS);
    DataStream<Sms> uniqueSms =
        dropRepeats(byBucket(sms, Sms::smsId), "sms", "drop repeated messages", Sms::smsId, o)
            .uid("dedup-sms");
    uniqueSms.sinkTo(sinks.sms()).name("messages to ClickHouse").uid("sink-sms");

    matchRecordings(uniqueCalls, uniqueRecordings, o)
        .sinkTo(sinks.recordingMatches())
        .name("recording matches to ClickHouse")
        .uid("sink-recording-matches");

    DataStream<Alert> alerts = alerts(callsByCentre(uniqueCalls), uniqueRecordings, uniqueSms, o);
    alerts.sinkTo(sinks.alerts()).name("alerts to ClickHouse").uid("sink-alerts");
    if (sinks.alertTopic() != null) {
      alerts.sinkTo(sinks.alertTopic()).name("alerts to Kafka").uid("sink-alert-topic");
    }

    DataStream<DeadLetter> deadLetters = calls.getSideOutput(SplitByKind.DEAD_LETTERS);
    deadLetters.sinkTo(sinks.deadLetters()).name("dead letters to ClickHouse").uid("sink-dead");
    if (sinks.deadLetterTopic() != null) {
      deadLetters
          .sinkTo(sinks.deadLetterTopic())
          .name("dead letters to Kafka")
          .uid("sink-dead-topic");
    }
  }

  /**
   * The first event of each id; see {@link DeduplicateById}. The events are keyed so that all
   * copies of one share a key; {@code what} names its counter of repeats, {@code name} the
   * operator.
   */
  private static <K, T> SingleOutputStreamOperator<T> dropRepeats(
      KeyedStream<T, K> events,
      String what,
      String name,
      DeduplicateById.IdOf<T> id,
      IngestOptions o) {
    return events.transform(
        name,
        events.getType(),
        new WatermarkListeningOperator<>(new DeduplicateById<K, T>(what, id, o.dedupRetention())));
  }

  /** Events keyed by the bucket of their id, spread evenly whatever else they share. */
  private static <T> KeyedStream<T, Integer> byBucket(
      DataStream<T> events, DeduplicateById.IdOf<T> id) {
    return events.keyBy(DeduplicateById.byBucket(id), Types.INT);
  }

  /**
   * The unique calls as the stream keyed by centre that they already are: de-duplication is keyed
   * by centre and hands its output on without a shuffle, so each call reaches the rate alerts and
   * the voicemail alerts in the task that de-duplicated it, without being serialised and sent once
   * more for each (Flink's {@code reinterpretAsKeyedStream}; valid only because the partitioning is
   * exactly that of {@code keyBy(Cdr::center)}: any other key fails the job at its first call, as a
   * key outside the task's key groups).
   */
  static KeyedStream<Cdr, String> callsByCentre(SingleOutputStreamOperator<Cdr> uniqueCalls) {
    return DataStreamUtils.reinterpretAsKeyedStream(uniqueCalls, Cdr::center, Types.STRING);
  }

  /**
   * Per minute × line × centre components of the calls, emitted early (every few seconds while
   * calls arrive), complete (when the watermark passes the minute) and corrected (for each late
   * call within the allowed lateness). Calls later than that are flagged late in {@code calls}.
   */
  static void buildMinutes(DataStream<Cdr> calls, Sinks sinks, IngestOptions o) {
    SingleOutputStreamOperator<MinuteRow> minutes = countPerMinute(calls, o);
    minutes.sinkTo(sinks.minutes()).name("minutes to ClickHouse").uid("sink-minutes");
    minutes
        .getSideOutput(TOO_LATE)
        .sinkTo(sinks.lateCalls())
        .name("too-late calls flagged in ClickHouse")
        .uid("sink-late-calls");
  }

  /** The minute windows of {@link #buildMinutes}; too-late calls go to {@link #TOO_LATE}. */
  public static SingleOutputStreamOperator<MinuteRow> countPerMinute(
      DataStream<Cdr> calls, IngestOptions o) {
    return calls
        .keyBy(c -> CountPerMinute.keyOf(c.line().number(), c.center()), Types.STRING)
        .transform(
            "count calls per minute",
            TypeInformation.of(MinuteRow.class),
            new WatermarkListeningOperator<>(
                new CountPerMinute(o.allowedLateness(), o.earlyFiringInterval(), TOO_LATE)))
        // Not the window operator's "minute-counts": its state cannot be read as this one's.
        .uid("count-per-minute");
  }

  /**
   * Recordings joined with calls by call id, each side waiting a bounded event time for the other:
   * matched, short recordings, answered calls without recording, orphan recordings.
   */
  public static SingleOutputStreamOperator<CallMatch> matchRecordings(
      DataStream<Cdr> calls, DataStream<Recording> recordings, IngestOptions o) {
    return calls
        .keyBy(c -> MatchRecordings.bucketOf(c.callId()), Types.INT)
        .connect(recordings.keyBy(r -> MatchRecordings.bucketOf(r.callId()), Types.INT))
        .process(new MatchRecordings(o.recordingWait(), o.shortRecordingRatio()))
        .name("join recordings with calls")
        // Not "match-recordings", keyed by call id: its state cannot be read as this one's.
        .uid("match-recordings-by-bucket");
  }

  /**
   * The live alerts of every centre: the rate rules and voicemail deadlines from the calls, silence
   * from any event of the centre. Each opens once and clears once; see {@link CallRateAlerts},
   * {@link VoicemailAlerts}, {@link SilenceAlerts}.
   */
  public static DataStream<Alert> alerts(
      KeyedStream<Cdr, String> calls,
      DataStream<Recording> recordings,
      DataStream<Sms> sms,
      IngestOptions o) {
    AlertThresholds t = o.alerts();
    DataStream<Alert> rates =
        calls
            .transform(
                "alert on answer rate, abandonment, topics",
                TypeInformation.of(Alert.class),
                new WatermarkListeningOperator<>(new CallRateAlerts(t)))
            .uid("alerts-call-rates");
    DataStream<Alert> voicemail =
        calls
            .process(new VoicemailAlerts(t.voicemailWorkingDays(), VOICEMAIL_FORGET_AFTER))
            .name("alert on overdue voicemail")
            .uid("alerts-voicemail");
    // A centre shows life when it sends something, which for a call or a recording is its end:
    // judged by end times, every sign of life before an instant has arrived when the watermark
    // passes it (input is emitted in end order), so silence is decided the same way on a replay.
    DataStream<CenterBeat> beats =
        calls
            .map(c -> new CenterBeat(c.center(), c.endedAt().toEpochMilli()))
            .returns(CenterBeat.class)
            .name("calls as signs of life")
            .uid("beats-calls")
            .union(
                recordings
                    .map(
                        r ->
                            new CenterBeat(
                                r.center(), r.startedAt().toEpochMilli() + r.durationMs()))
                    .returns(CenterBeat.class)
                    .name("recordings as signs of life")
                    .uid("beats-recordings"),
                sms.map(m -> new CenterBeat(m.center(), m.sentAt().toEpochMilli()))
                    .returns(CenterBeat.class)
                    .name("messages as signs of life")
                    .uid("beats-sms"));
    DataStream<Alert> silence =
        beats
            .keyBy(CenterBeat::center)
            .process(
                new SilenceAlerts(
                    IngestOptions.Option.ALERT_SERVICE_HOURS.key(),
                    t.serviceHoursText(),
                    t.silence(),
                    // Live means the events are about as fresh as the watermark's own delay.
                    o.watermarkDelay().plus(o.sourceIdleness())))
            .name("alert on silent centres")
            .uid("alerts-silence");
    return rates.union(voicemail, silence);
  }

  /** How long an unanswered voicemail past its deadline still counts as overdue. */
  static final Duration VOICEMAIL_FORGET_AFTER = Duration.ofDays(30);

  /** Calls that arrive after their minute's allowed lateness. */
  public static final OutputTag<Cdr> TOO_LATE =
      new OutputTag<>("too-late-calls", CdrTypeInfo.INSTANCE);

  static KafkaSource<IngestRecord> kafkaSource(IngestOptions o) {
    KafkaConfig k = o.kafka();
    Map<String, EventKind> kindByTopic = new HashMap<>();
    for (EventKind kind : EventKind.values()) {
      kindByTopic.put(k.topic(kind), kind);
    }
    RecordParser parser = new RecordParser(new CallerPseudonymizer(o.callerSecret()));
    KafkaSourceBuilder<IngestRecord> b =
        KafkaSource.<IngestRecord>builder()
            .setBootstrapServers(k.bootstrapServers())
            .setTopics(k.cdrTopic(), k.recordingTopic(), k.smsTopic())
            .setGroupId(o.groupId())
            // Resume from the offsets of the last checkpoint; a new group starts at the beginning.
            .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
            .setDeserializer(new KafkaIngestDeserializer(kindByTopic, parser))
            .setProperty("commit.offsets.on.checkpoint", "true");
    if (o.untilCaughtUp()) {
      b.setBounded(OffsetsInitializer.latest());
    }
    return b.build();
  }

  static KafkaSink<DeadLetter> deadLetterTopic(KafkaConfig k) {
    return KafkaSink.<DeadLetter>builder()
        .setBootstrapServers(k.bootstrapServers())
        .setRecordSerializer(
            KafkaRecordSerializationSchema.<DeadLetter>builder()
                .setTopic(k.deadLetterTopic())
                .setValueSerializationSchema(new DeadLetterJson())
                .build())
        .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
        .build();
  }

  static KafkaSink<Alert> alertTopic(KafkaConfig k) {
    return KafkaSink.<Alert>builder()
        .setBootstrapServers(k.bootstrapServers())
        .setRecordSerializer(
            KafkaRecordSerializationSchema.<Alert>builder()
                .setTopic(k.alertTopic())
                .setValueSerializationSchema(new AlertJson())
                .build())
        .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
        .build();
  }

  /** A properties file as the only argument, or {@code --key value} pairs. */
  static Properties readArgs(String[] args) throws IOException {
    Properties p = new Properties();
    if (args.length == 1) {
      try (InputStream in = new FileInputStream(args[0])) {
        p.load(in);
      }
      return p;
    }
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("expected --key value, got: " + args[i]);
      }
      p.setProperty(args[i].substring(2), args[i + 1]);
    }
    return p;
  }
}
