package io.hotline.jobs.functions;

import io.hotline.jobs.records.DeadLetter;
import io.hotline.jobs.records.IngestRecord;
import io.hotline.schemas.events.Cdr;
import io.hotline.schemas.events.Recording;
import io.hotline.schemas.events.Sms;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/** Routes parsed input: calls to the main output; recordings, messages and dead letters aside. */
public final class SplitByKind extends ProcessFunction<IngestRecord, Cdr> {
  private static final long serialVersionUID = 1L;

  public static final OutputTag<Recording> RECORDINGS = new OutputTag<>("recordings") {};
  public static final OutputTag<Sms> SMS = new OutputTag<>("sms") {};
  public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") {};

  @Override
  public void processElement(IngestRecord r, Context ctx, Collector<Cdr> out) {
    if (r.deadLetter() != null) {
      ctx.output(DEAD_LETTERS, r.deadLetter());
    } else if (r.cdr() != null) {
      out.collect(r.cdr());
    } else if (r.recording() != null) {
      ctx.output(RECORDINGS, r.recording());
    } else {
      ctx.output(SMS, r.sms());
    }
  }
}
