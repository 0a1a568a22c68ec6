package io.hotline.jobs.testing;

import io.hotline.jobs.functions.WatermarkKeepingFunction;
import io.hotline.jobs.functions.WatermarkListeningOperator;
import io.hotline.jobs.records.Alert;
import io.hotline.schemas.events.Cdr;
import io.hotline.schemas.metrics.CallMeasures;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

/**
 * The operator test harness around an alert function over calls, keyed by centre as the ingest job
 * keys it: calls go in at the instant they are counted at, watermarks are instants, alerts come
 * out.
 */
public final class CallAlertHarness
    extends KeyedOneInputStreamOperatorTestHarness<String, Cdr, Alert> {

  public CallAlertHarness(KeyedProcessFunction<String, Cdr, Alert> alerts) throws Exception {
    super(operatorOf(alerts), Cdr::center, Types.STRING);
  }

  /** The operator the ingest job runs the function in. */
  private static OneInputStreamOperator<Cdr, Alert> operatorOf(
      KeyedProcessFunction<String, Cdr, Alert> alerts) {
    return alerts instanceof WatermarkKeepingFunction<String, Cdr, Alert> keeping
        ? new WatermarkListeningOperator<>(keeping)
        : new KeyedProcessOperator<>(alerts);
  }

  public void call(Cdr c) throws Exception {
    processElement(new StreamRecord<>(c, CallMeasures.countedAt(c).toEpochMilli()));
  }

  public void watermark(Instant t) throws Exception {
    processWatermark(t.toEpochMilli());
  }

  public List<Alert> alerts() {
    return extractOutputValues();
  }
}
