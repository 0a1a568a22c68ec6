package io.hotline.jobs.functions;

import io.hotline.jobs.records.BatchOutput;
import io.hotline.jobs.records.CallContribution;
import io.hotline.jobs.records.GroupKey;
import io.hotline.schemas.metrics.CallCounts;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.MapPartitionFunction;
import org.apache.flink.util.Collector;

/**
 * The batch twin's counting: over one partition of calls (all copies of an id land in the same
 * partition), counts each id once and sums the rest per group in memory, then emits one partial sum
 * per group and the number of repeated deliveries dropped. No sorting is needed, because a
 * partition holds a handful of groups and the ids fit as 128-bit fingerprints.
 */
public final class DropRepeatsAndSum
    implements MapPartitionFunction<CallContribution, BatchOutput> {
  private static final long serialVersionUID = 1L;

  @Override
  public void mapPartition(Iterable<CallContribution> calls, Collector<BatchOutput> out) {
    FingerprintSet seen = new FingerprintSet();
    Map<GroupKey, CallCounts> sums = new HashMap<>();
    long repeats = 0;
    for (CallContribution c : calls) {
      if (seen.add(c.idHigh(), c.idLow())) {
        sums.computeIfAbsent(c.key(), k -> new CallCounts())
            .add(c.measures(), c.satisfaction(), c.namesRecording());
      } else {
        repeats++;
      }
    }
    sums.forEach((k, v) -> out.collect(BatchOutput.group(k, v)));
    out.collect(BatchOutput.duplicates(repeats));
  }
}
