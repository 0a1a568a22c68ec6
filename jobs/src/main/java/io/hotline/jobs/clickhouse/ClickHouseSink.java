package io.hotline.jobs.clickhouse;

import io.hotline.schemas.clickhouse.ClickHouseConfig;
import io.hotline.schemas.clickhouse.ClickHouseHttp;
import io.hotline.schemas.clickhouse.TsvRow;
import java.io.IOException;
import java.time.Duration;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a stream into one ClickHouse table in batches: when a batch is full, when its first row
 * has waited {@code maxDelay} (so the live view lags by seconds, not by a checkpoint interval), and
 * before a checkpoint. Everything buffered is written before a checkpoint completes ({@link
 * SinkWriter#flush} runs at the barrier), so a restart from a checkpoint replays at most what was
 * not yet confirmed; the tables are ReplacingMergeTrees keyed by the event's identity, so such a
 * replay replaces rows instead of adding them. When ClickHouse is unreachable the writer backs off
 * and retries, holding back the stream, until {@code giveUpAfter}; then it fails so that Flink
 * restarts the job from its last checkpoint. Rows that ClickHouse refuses as malformed fail the job
 * at once, with the server's reason in the log: retrying them cannot help.
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
  private final Duration maxDelay;

  /**
   * @param giveUpAfter how long to retry an unreachable ClickHouse before failing the job
   * @param maxDelay how long a row may wait in the buffer; zero: until a full batch or checkpoint
   */
  public ClickHouseSink(
      ClickHouseConfig config, TableRows<T> rows, Duration giveUpAfter, Duration maxDelay) {
    this.config = config;
    this.rows = rows;
    this.batchRows = DEFAULT_BATCH_ROWS;
    this.giveUpAfter = giveUpAfter;
    this.maxDelay = maxDelay;
  }

  @Override
  @SuppressWarnings("deprecation") // Flink 1.20 still requires this variant
  public SinkWriter<T> createWriter(InitContext context) {
    return writer(context.getProcessingTimeService());
  }

  @Override
  public SinkWriter<T> createWriter(WriterInitContext context) {
    return writer(context.getProcessingTimeService());
  }

  private Writer<T> writer(ProcessingTimeService time) {
    return new Writer<>(new ClickHouseHttp(config), rows, batchRows, giveUpAfter, maxDelay, time);
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
    private final long maxDelayMillis;
    private final ProcessingTimeService time;
    private final StringBuilder buffer = new StringBuilder(1 << 20);
    private int buffered;
    private boolean timerSet;

    Writer(
        ClickHouseHttp http,
        TableRows<T> rows,
        int batchRows,
        Duration giveUpAfter,
        Duration maxDelay,
        ProcessingTimeService time) {
      this.http = http;
      this.rows = rows;
      this.batchRows = batchRows;
      this.giveUpAfter = giveUpAfter;
      this.maxDelayMillis = maxDelay.toMillis();
      this.time = time;
    }

    @Override
    public void write(T value, Context context) throws IOException, InterruptedException {
      TsvRow row = new TsvRow(buffer);
      rows.write(value, row);
      row.end();
      if (++buffered >= batchRows) {
        writeBuffered();
      } else if (buffered == 1) {
        writeAfterMaxDelay();
      }
    }

    /**
     * Sets a timer for the first row of a new batch. The timer runs in the task's own thread, like
     * {@link #write}, so the buffer needs no lock; a batch written earlier (full, or at a
     * checkpoint) leaves the timer nothing or a younger batch to write.
     */
    private void writeAfterMaxDelay() {
      if (maxDelayMillis <= 0 || timerSet) {
        return;
      }
      timerSet = true;
      time.registerTimer(
          time.getCurrentProcessingTime() + maxDelayMillis,
          now -> {
            timerSet = false;
            writeBuffered();
          });
    }

    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
      writeBuffered();
    }

    @Override
    public void close() {
      // Nothing pending is written here: unconfirmed rows are replayed from the last checkpoint.
    }

    /**
     * Writes the buffer, retrying with exponential backoff while ClickHouse is unreachable or
     * answers with an error. Retrying in place (rather than failing at once) rides out a restart or
     * a short outage without replaying anything: the stream simply waits, Kafka keeps the unread
     * events, and checkpoints wait for this flush. A longer outage ends in a failure after {@code
     * giveUpAfter}, and Flink's restart strategy resumes from the last checkpoint; the tables are
     * ReplacingMergeTrees, so rows written again replace themselves. A retried insert whose first
     * attempt did reach the server adds nothing for the same reason.
     */
    private void writeBuffered() throws IOException, InterruptedException {
      if (buffered == 0) {
        return;
      }
      String batch = buffer.toString();
      long started = System.nanoTime();
      long deadline = started + giveUpAfter.toNanos();
      long backoff = FIRST_BACKOFF_MS;
      int failures = 0;
      while (true) {
        try {
          http.insert(rows.table(), rows.columns(), batch);
          break;
        } catch (IOException e) {
          failures++;
          if (refusesTheRows(e)) {
            LOG.error(
                "ClickHouse refuses the {} rows for {} as malformed ({}): retrying cannot help;"
                    + " the job fails now instead of after {} s",
                buffered,
                rows.table(),
                why(e),
                giveUpAfter.toSeconds());
            throw new IOException(
                "ClickHouse refuses " + buffered + " rows for " + rows.table() + ": " + why(e), e);
          }
          if (System.nanoTime() + backoff * 1_000_000 > deadline) {
            LOG.error(
                "giving up writing {} rows to {} after {} failed attempts in {} s ({}): the job"
                    + " fails, and Flink restarts it from its last checkpoint, which replays them",
                buffered,
                rows.table(),
                failures,
                secondsSince(started),
                why(e));
            throw new IOException(
                "gave up writing " + buffered + " rows to " + rows.table() + ": " + why(e), e);
          }
          LOG.warn(
              "writing {} rows to {} failed ({}); retrying in {} ms, holding back the stream,"
                  + " for up to {} s more",
              buffered,
              rows.table(),
              why(e),
              backoff,
              Math.max(0, (deadline - System.nanoTime()) / 1_000_000_000L));
          Thread.sleep(backoff);
          backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
        }
      }
      if (failures > 0) {
        LOG.warn(
            "wrote {} rows to {} after {} failed attempts in {} s; the stream goes on",
            buffered,
            rows.table(),
            failures,
            secondsSince(started));
      }
      buffer.setLength(0);
      buffered = 0;
    }

    /**
     * Whether ClickHouse answered that it cannot parse the rows (a value outside a column's type, a
     * broken row): the same rows will be refused again, so waiting for an outage to end would only
     * hold the stream for {@code giveUpAfter}. Other errors — no connection, a timeout, a server
     * starting or overloaded — are worth retrying.
     */
    static boolean refusesTheRows(IOException e) {
      String m = e.getMessage();
      if (m == null || !m.contains(" answered HTTP ")) {
        return false;
      }
      for (String code : PARSE_ERROR_CODES) {
        if (m.contains("Code: " + code + ",") || m.contains("Code: " + code + ".")) {
          return true;
        }
      }
      return false;
    }

    // CANNOT_PARSE_TEXT, CANNOT_PARSE_ESCAPE_SEQUENCE, CANNOT_PARSE_QUOTED_STRING,
    // CANNOT_PARSE_INPUT_ASSERTION_FAILED, CANNOT_PARSE_DATE, CANNOT_PARSE_DATETIME,
    // CANNOT_PARSE_NUMBER, INCORRECT_DATA, TOO_LARGE_STRING_SIZE, CANNOT_READ_ARRAY_FROM_TEXT.
    private static final String[] PARSE_ERROR_CODES = {
      "6", "25", "26", "27", "38", "41", "72", "117", "131", "130"
    };

    /** The failure in words; a refused connection comes without a message of its own. */
    private static String why(IOException e) {
      return e.getMessage() != null
          ? e.getMessage()
          : e.getClass().getSimpleName() + " (ClickHouse not reachable)";
    }

    private static long secondsSince(long nanoTime) {
      return (System.nanoTime() - nanoTime) / 1_000_000_000L;
    }
  }
}
