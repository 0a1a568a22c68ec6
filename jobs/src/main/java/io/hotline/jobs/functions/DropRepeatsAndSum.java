package io.hotline.jobs.functions;

import io.hotline.jobs.records.BatchOutput;
import io.hotline.jobs.records.PackedCalls;
import io.hotline.schemas.metrics.CallCounts;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * The batch twin's counting: over one partition of calls (all copies of an id land in the same
 * partition), counts each id once and sums the rest per group in memory, then, at the end of the
 * input, emits one partial sum per group and the number of repeated deliveries dropped. No sorting
 * is needed, because a partition holds a few thousand groups and the ids fit as 128-bit
 * fingerprints.
 *
 * <p>An operator rather than a {@code mapPartition} function: Flink makes the output of a full
 * partition blocking, so the stages after it would wait instead of running alongside.
 */
public final class DropRepeatsAndSum extends AbstractStreamOperator<BatchOutput>
    implements OneInputStreamOperator<PackedCalls, BatchOutput>, BoundedOneInput {
  private static final long serialVersionUID = 1L;

  private final long expectedIds;

  private transient FingerprintSet seen;
  private transient Map<Long, CallCounts> sums;
  // Calls of one group tend to come in runs (a file is written in time order per centre).
  private transient long lastGroup;
  private transient CallCounts last;
  private transient long repeats;

  /**
   * @param expectedIds about how many distinct ids this partition will see, to size its memory of
   *     them once (an underestimate costs a growth, an overestimate unused memory)
   */
  public DropRepeatsAndSum(long expectedIds) {
    this.expectedIds = expectedIds;
  }

  @Override
  public void open() throws Exception {
    super.open();
    seen = new FingerprintSet(expectedIds);
    sums = new HashMap<>();
  }

  @Override
  public void processElement(StreamRecord<PackedCalls> element) {
    PackedCalls batch = element.getValue();
    for (int i = 0; i < batch.size(); i++) {
      count(batch, i);
    }
  }

  private void count(PackedCalls batch, int call) {
    if (!seen.add(batch.idHigh(call), batch.idLow(call))) {
      repeats++;
      return;
    }
    long group = batch.group(call);
    if (last == null || group != lastGroup) {
      lastGroup = group;
      last = sums.computeIfAbsent(lastGroup, k -> new CallCounts());
    }
    batch.addTo(call, last);
  }

  @Override
  public void endInput() {
    sums.forEach((k, v) -> output.collect(new StreamRecord<>(BatchOutput.group(k, v))));
    output.collect(new StreamRecord<>(BatchOutput.duplicates(repeats)));
  }
}
