package io.hotline.jobs.clickhouse;

import io.hotline.schemas.clickhouse.ClickHouseConfig;
import io.hotline.schemas.clickhouse.ClickHouseHttp;
import io.hotline.schemas.clickhouse.TsvRow;
import java.io.IOException;
import java.time.Duration;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a stream into one ClickHouse table in batches. Everything buffered is written before a
 * checkpoint completes ({@link SinkWriter#flush} runs at the barrier), so a restart from a
 * checkpoint replays at most what was not yet confirmed; the tables are ReplacingMergeTrees keyed
 * by the event's identity, so such a replay replaces rows instead of adding them. When ClickHouse
 * is unreachable the writer backs off and retries, holding back the stream, until {@code
 * giveUpAfter}; then it fails so that Flink restarts the job from its last checkpoint.
 *
 * @param <T> the value type
 */
public final class ClickHouseSink<T> implements Sink<T> {
  private static final long serialVersionUID = 1L;

  /** Rows buffered before a write even without a checkpoint. */
  public static final int DEFAULT_BATCH_ROWS = 50_000;

  private final ClickHouseConfig config;
  private final TableRows<T> rows;
  private final int batchRows;
  private final Duration giveUpAfter;

  public ClickHouseSink(ClickHouseConfig config, TableRows<T> rows, Duration giveUpAfter) {
    this(config, rows, DEFAULT_BATCH_ROWS, giveUpAfter);
  }

  public ClickHouseSink(
      ClickHouseConfig config, TableRows<T> rows, int batchRows, Duration giveUpAfter) {
    this.config = config;
    this.rows = rows;
    this.batchRows = batchRows;
    this.giveUpAfter = giveUpAfter;
  }

  @Override
  @SuppressWarnings("deprecation") // Flink 1.20 still requires this variant
  public SinkWriter<T> createWriter(InitContext context) {
    return new Writer<>(new ClickHouseHttp(config), rows, batchRows, giveUpAfter);
  }

  @Override
  public SinkWriter<T> createWriter(WriterInitContext context) {
    return new Writer<>(new ClickHouseHttp(config), rows, batchRows, giveUpAfter);
  }

  /** Buffers TabSeparated rows and writes them with retries. */
  static final class Writer<T> implements SinkWriter<T> {
    private static final Logger LOG = LoggerFactory.getLogger(ClickHouseSink.class);
    private static final long FIRST_BACKOFF_MS = 200;
    private static final long MAX_BACKOFF_MS = 10_000;

    private final ClickHouseHttp http;
    private final TableRows<T> rows;
    private final int batchRows;
    private final Duration giveUpAfter;
    private final StringBuilder buffer = new StringBuilder(1 << 20);
    private int buffered;

    Writer(ClickHouseHttp http, TableRows<T> rows, int batchRows, Duration giveUpAfter) {
      this.http = http;
      this.rows = rows;
      this.batchRows = batchRows;
      this.giveUpAfter = giveUpAfter;
    }

    @Override
    public void write(T value, Context context) throws IOException, InterruptedException {
      TsvRow row = new TsvRow(buffer);
      rows.write(value, row);
      row.end();
      if (++buffered >= batchRows) {
        writeBuffered();
      }
    }

    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
      writeBuffered();
    }

    @Override
    public void close() {
      // Nothing pending is written here: unconfirmed rows are replayed from the last checkpoint.
    }

    private void writeBuffered() throws IOException, InterruptedException {
      if (buffered == 0) {
        return;
      }
      String batch = buffer.toString();
      long deadline = System.nanoTime() + giveUpAfter.toNanos();
      long backoff = FIRST_BACKOFF_MS;
      while (true) {
        try {
          http.insert(rows.table(), rows.columns(), batch);
          break;
        } catch (IOException e) {
          if (System.nanoTime() + backoff * 1_000_000 > deadline) {
            throw new IOException(
                "gave up writing " + buffered + " rows to " + rows.table() + ": " + e.getMessage(),
                e);
          }
          LOG.warn(
              "writing {} rows to {} failed ({}); retrying in {} ms",
              buffered,
              rows.table(),
              e.getMessage(),
              backoff);
          Thread.sleep(backoff);
          backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
        }
      }
      buffer.setLength(0);
      buffered = 0;
    }
  }
}
