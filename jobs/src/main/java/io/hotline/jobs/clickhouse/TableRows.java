package io.hotline.jobs.clickhouse;

import io.hotline.schemas.clickhouse.TsvRow;
import java.io.Serializable;
import java.util.List;

/**
 * How values of one type become rows of one ClickHouse table: the table, its columns in order, and
 * the writing of one row. Columns are named explicitly so that a column added to the table later
 * (with a default) does not break older writers.
 *
 * @param <T> the value type
 */
public interface TableRows<T> extends Serializable {
  String table();

  List<String> columns();

  void write(T value, TsvRow row);
}
