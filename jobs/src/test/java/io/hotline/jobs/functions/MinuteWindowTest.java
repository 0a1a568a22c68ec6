package io.hotline.jobs.functions;

import static io.hotline.schemas.testing.EventJson.abandonedCall;
import static io.hotline.schemas.testing.EventJson.answeredCall;
import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.jobs.IngestJob;
import io.hotline.jobs.IngestOptions;
import io.hotline.jobs.records.MinuteRow;
import io.hotline.schemas.clickhouse.ClickHouseConfig;
import io.hotline.schemas.events.Cdr;
import io.hotline.schemas.events.EventParser;
import io.hotline.schemas.kafka.KafkaConfig;
import io.hotline.schemas.testing.EventJson;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.transformations.OneInputTransformation;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The minute windows of the ingest job, driven through Flink's operator test harness. */
class MinuteWindowTest {
  private static final long MINUTE = 60_000L;

  /** 2025-03-14T09:00:00+08:00, the minute the test calls are queued in (09:00:10). */
  private static final long NINE = Instant.parse("2025-03-14T01:00:00Z").toEpochMilli();

  private static final Duration LATENESS = Duration.ofMinutes(10);
  private static final Duration EARLY = Duration.ofSeconds(2);

  private KeyedOneInputStreamOperatorTestHarness<String, Cdr, MinuteRow> harness;

  @BeforeEach
  void start() throws Exception {
    IngestOptions o =
        IngestOptions.demo(KafkaConfig.defaults(), ClickHouseConfig.defaults())
            .withLateness(LATENESS, EARLY);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    SingleOutputStreamOperator<MinuteRow> minutes =
        IngestJob.countPerMinute(env.fromData(cdr(answeredCall())), o);
    @SuppressWarnings("unchecked")
    OneInputTransformation<Cdr, MinuteRow> t =
        (OneInputTransformation<Cdr, MinuteRow>) minutes.getTransformation();
    @SuppressWarnings("unchecked")
    KeySelector<Cdr, String> key = (KeySelector<Cdr, String>) t.getStateKeySelector();
    @SuppressWarnings("unchecked")
    TypeInformation<String> keyType = (TypeInformation<String>) t.getStateKeyType();
    harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            (OneInputStreamOperator<Cdr, MinuteRow>) t.getOperator(), key, keyType);
    harness.setProcessingTime(0);
    harness.open();
  }

  @AfterEach
  void stop() throws Exception {
    harness.close();
  }

  private static Cdr cdr(EventJson json) {
    return EventParser.standard().parseCdr(json.json()).event();
  }

  private void call(EventJson json) throws Exception {
    Cdr c = cdr(json);
    harness.processElement(new StreamRecord<>(c, c.queuedAt().toEpochMilli()));
  }

  private List<MinuteRow> rows() {
    return harness.extractOutputValues();
  }

  @Test
  void minuteIsEmittedCompleteWhenTheWatermarkPassesIt() throws Exception {
    call(answeredCall());
    call(abandonedCall());
    assertThat(rows()).isEmpty();

    harness.processWatermark(NINE + MINUTE - 1);

    assertThat(rows())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.minute()).isEqualTo(Instant.ofEpochMilli(NINE));
              assertThat(r.line()).isEqualTo("12333");
              assertThat(r.center()).isEqualTo("320100");
              assertThat(r.counts().offered).isEqualTo(2);
              assertThat(r.counts().answered).isEqualTo(1);
              assertThat(r.lateEvents()).isZero();
              assertThat(r.version()).isEqualTo(2);
            });
  }

  @Test
  void partialMinuteIsEmittedEarlyOnProcessingTime() throws Exception {
    call(answeredCall());
    harness.setProcessingTime(EARLY.toMillis());

    assertThat(rows()).singleElement().satisfies(r -> assertThat(r.counts().offered).isEqualTo(1));

    call(abandonedCall());
    harness.processWatermark(NINE + MINUTE - 1);
    assertThat(rows()).hasSize(2);
    assertThat(rows().get(1).counts().offered).isEqualTo(2);
    assertThat(rows().get(1).version()).isGreaterThan(rows().get(0).version());
  }

  @Test
  void lateCallWithinLatenessCorrectsTheMinuteAndIsCountedLate() throws Exception {
    call(answeredCall());
    harness.processWatermark(NINE + MINUTE - 1);
    call(abandonedCall());

    assertThat(rows()).hasSize(2);
    MinuteRow corrected = rows().get(1);
    assertThat(corrected.counts().offered).isEqualTo(2);
    assertThat(corrected.lateEvents()).isEqualTo(1);
    assertThat(corrected.version()).isEqualTo(2);
  }

  @Test
  void callAfterTheAllowedLatenessGoesToTheSideOutputNotTheMinute() throws Exception {
    call(answeredCall());
    harness.processWatermark(NINE + MINUTE - 1 + LATENESS.toMillis());
    call(abandonedCall());

    assertThat(rows()).hasSize(1);
    ConcurrentLinkedQueue<StreamRecord<Cdr>> late = harness.getSideOutput(IngestJob.TOO_LATE);
    assertThat(late)
        .singleElement()
        .satisfies(r -> assertThat(r.getValue().callId()).isEqualTo("c-0002"));
  }

  @Test
  void stateAndTimersAreGoneAfterTheAllowedLateness() throws Exception {
    call(answeredCall());
    harness.setProcessingTime(EARLY.toMillis());
    harness.processWatermark(NINE + MINUTE - 1);
    assertThat(harness.numKeyedStateEntries()).isPositive();

    harness.processWatermark(NINE + MINUTE - 1 + LATENESS.toMillis());

    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
    assertThat(harness.numProcessingTimeTimers()).isZero();
  }
}
