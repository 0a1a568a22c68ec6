package io.hotline.jobs.clickhouse;

import io.hotline.jobs.records.DeadLetter;
import io.hotline.schemas.clickhouse.TsvRow;
import java.util.List;

/**
 * A refused record as a row of {@code dead_letters}, keyed by its origin so that a replay of the
 * same input replaces rather than adds.
 */
public final class DeadLetterRows implements TableRows<DeadLetter> {
  private static final long serialVersionUID = 1L;

  private static final List<String> COLUMNS =
      List.of(
          "received_at",
          "kind",
          "source",
          "`partition`",
          "`offset`",
          "reason",
          "field",
          "raw",
          "version");

  @Override
  public String table() {
    return "dead_letters";
  }

  @Override
  public List<String> columns() {
    return COLUMNS;
  }

  @Override
  public void write(DeadLetter d, TsvRow row) {
    row.dateTime(d.receivedAt())
        .text(d.kind() == null ? "unknown" : d.kind().code())
        .text(d.origin().source())
        .number(d.origin().partition())
        .number(d.origin().offset())
        .text(d.reason())
        .text(d.field())
        .text(d.rawMasked())
        .number(1);
  }
}
