package io.hotline.jobs;

import io.hotline.schemas.metrics.CallCounts;
import io.hotline.schemas.metrics.Metric;
import io.hotline.schemas.metrics.MetricFormat;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** Writes the batch twin's CSV: a fixed header, one row per period × line × region. */
public final class MetricsCsv {
  /** The header, exactly as the contract of {@code hotline metrics} names it. */
  public static final String HEADER =
      "period,line,region,total_inbound,ivr_only,offered,answered,abandoned,short_abandoned,"
          + "answer_rate,abandon_rate,sl15,sl20,asa_s,avg_wait_s,aht_s,satisfaction_rate";

  private static final List<Metric> METRICS =
      List.of(
          Metric.ANSWER_RATE,
          Metric.ABANDON_RATE,
          Metric.SL15,
          Metric.SL20,
          Metric.ASA_S,
          Metric.AVG_WAIT_S,
          Metric.AHT_S,
          Metric.SATISFACTION_RATE);

  private MetricsCsv() {}

  public static void write(List<MetricsBatchJob.Row> rows, Writer out) throws IOException {
    out.write(HEADER);
    out.write('\n');
    for (MetricsBatchJob.Row row : rows) {
      out.write(line(row));
      out.write('\n');
    }
  }

  static String line(MetricsBatchJob.Row row) {
    CallCounts c = row.counts();
    StringBuilder b = new StringBuilder(160);
    b.append(row.key().period()).append(',');
    b.append(row.key().line()).append(',');
    b.append(row.key().region()).append(',');
    b.append(c.totalInbound).append(',');
    b.append(c.ivrOnly).append(',');
    b.append(c.offered).append(',');
    b.append(c.answered).append(',');
    b.append(c.abandoned).append(',');
    b.append(c.shortAbandoned);
    for (Metric m : METRICS) {
      b.append(',').append(MetricFormat.format(m, m.of(c)));
    }
    return b.toString();
  }
}
