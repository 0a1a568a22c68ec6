package io.hotline.launcher.bench;

import io.hotline.jobs.MetricsBatchJob;
import io.hotline.jobs.MetricsCsv;
import io.hotline.jobs.records.GroupKey;
import io.hotline.schemas.clickhouse.ClickHouseConfig;
import io.hotline.schemas.clickhouse.ClickHouseHttp;
import io.hotline.schemas.metrics.CallCountsSql;
import io.hotline.schemas.metrics.MetricDefinitions;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The ClickHouse-only peer of the ingest pipelines (issue 8): the raw CDR lines go straight into a
 * table with {@code INSERT … FORMAT JSONEachRow}, and one SQL query computes the per-day,
 * per-centre components, which the shared {@link io.hotline.schemas.metrics.Metric} definitions
 * turn into the batch twin's CSV for comparison.
 *
 * <p>What it leaves out, and why it is only a yardstick: no validation (a malformed line fails the
 * insert, a broken invariant is counted), no dead letters, and the per-call definitions written a
 * second time in SQL. The raw caller number is not stored: the table has no column for it and
 * unknown fields are skipped. Timestamps must carry milliseconds ({@code …:SS.mmm±HH:MM}), as
 * producers write them; ClickHouse 18.16 parses the rest with {@code parseDateTimeBestEffort}.
 */
final class ClickHousePeer {
  private static final String TABLE = "raw_cdr";

  private final ClickHouseConfig config;

  ClickHousePeer(ClickHouseConfig config) {
    this.config = config;
  }

  /** Creates the raw table: the fields the metrics need, nullable where the contract allows. */
  void createTable() throws IOException {
    ClickHouseHttp http = new ClickHouseHttp(config);
    http.execute("DROP TABLE IF EXISTS " + TABLE);
    http.execute(
        "CREATE TABLE "
            + TABLE
            + " (call_id String, line String, center String, arrived_at String,"
            + " queued_at Nullable(String), answered_at Nullable(String), ended_at String,"
            + " end_reason String, satisfaction Nullable(UInt8), recording_id Nullable(String))"
            + " ENGINE = MergeTree ORDER BY tuple()");
  }

  /**
   * Loads the file in {@code parts} concurrent inserts, each a byte range cut at a line start (one
   * insert parses on one core); returns the number of rows in the table afterwards.
   */
  long load(Path file, int parts) throws Exception {
    List<long[]> ranges = lineRanges(file, parts);
    ExecutorService pool = Executors.newFixedThreadPool(parts);
    try {
      List<Future<Void>> inserts = new ArrayList<>();
      for (long[] r : ranges) {
        inserts.add(
            pool.submit(
                () -> {
                  insert(file, r[0], r[1]);
                  return null;
                }));
      }
      for (Future<Void> f : inserts) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    return Long.parseLong(
        new ClickHouseHttp(config).query("SELECT count() FROM " + TABLE).get(0).get(0));
  }

  /** The one query: per China day, line and centre, each call id once, summed components. */
  List<MetricsBatchJob.Row> query() throws IOException {
    List<MetricsBatchJob.Row> rows = new ArrayList<>();
    for (List<String> r : new ClickHouseHttp(config).query(sql())) {
      GroupKey key =
          new GroupKey(
              LocalDate.ofEpochDay(Long.parseLong(r.get(0))).toString(), r.get(1), r.get(2));
      rows.add(new MetricsBatchJob.Row(key, CallCountsSql.read(r.subList(3, r.size()))));
    }
    return rows;
  }

  static String sql() {
    String deduplicated =
        "SELECT line, center, end_reason AS reason, satisfaction AS sat, recording_id AS rec,"
            + " isNotNull(queued_at) AS q_given, isNotNull(answered_at) AS a_given,"
            + millis("arrived_at")
            + " AS arrived_ms, "
            + millis("ifNull(queued_at, arrived_at)")
            + " AS queued_ms, "
            + millis("ifNull(answered_at, arrived_at)")
            + " AS answered_ms, "
            + millis("ended_at")
            + " AS ended_ms FROM "
            + TABLE
            + " LIMIT 1 BY call_id";
    // The per-call definitions of CONTRACTS.md (CallMeasures), under the names CallCountsSql sums.
    String perCall =
        "SELECT line, center, q_given AS offered, a_given AS answered,"
            + " offered AND NOT answered AS abandoned, NOT offered AS ivr_only,"
            + " toInt64(if(answered, answered_ms, ended_ms)) - toInt64(queued_ms) AS wait_ms,"
            + " abandoned AND wait_ms < "
            + MetricDefinitions.SHORT_ABANDON_MS
            + " AS short_abandoned,"
            + " if(answered, toInt64(ended_ms) - toInt64(answered_ms), 0) AS talk_ms,"
            + " reason = 'out_of_hours' AS out_of_hours, reason = 'voicemail' AS voicemail,"
            + " reason = 'blocked' AS blocked, sat AS satisfaction, ifNull(rec, '') AS recording_id,"
            + " intDiv(if(offered, queued_ms, arrived_ms) + 28800000, 86400000) AS china_day"
            + " FROM ("
            + deduplicated
            + ")";
    return "SELECT china_day, line, center,\n  "
        + CallCountsSql.fromCalls()
        + "\nFROM ("
        + perCall
        + ")\nGROUP BY china_day, line, center ORDER BY china_day, line, center";
  }

  /** Epoch milliseconds of a contract timestamp with a three-digit fraction. */
  private static String millis(String column) {
    return "(toUInt64(parseDateTimeBestEffort("
        + column
        + ")) * 1000 + toUInt64(substring("
        + column
        + ", 21, 3)))";
  }

  /** "equal", or the first differing lines of the two CSVs. */
  static String compare(List<MetricsBatchJob.Row> expected, List<MetricsBatchJob.Row> actual)
      throws IOException {
    String[] a = csv(expected);
    String[] b = csv(actual);
    List<String> diffs = new ArrayList<>();
    for (int i = 0; i < Math.max(a.length, b.length) && diffs.size() < 5; i++) {
      String x = i < a.length ? a[i] : "(none)";
      String y = i < b.length ? b[i] : "(none)";
      if (!x.equals(y)) {
        diffs.add("line " + (i + 1) + ": batch twin " + x + "\n         ClickHouse  " + y);
      }
    }
    return diffs.isEmpty()
        ? "equal (" + (a.length - 1) + " rows)"
        : "DIFFERENT ("
            + (a.length - 1)
            + " vs "
            + (b.length - 1)
            + " rows):\n  "
            + String.join("\n  ", diffs);
  }

  private static String[] csv(List<MetricsBatchJob.Row> rows) throws IOException {
    StringWriter w = new StringWriter();
    MetricsCsv.write(rows, w);
    return w.toString().split("\n");
  }

  private void insert(Path file, long from, long to) throws IOException, InterruptedException {
    String url =
        config.url()
            + "/?database="
            + enc(config.database())
            + "&user="
            + enc(config.user())
            + "&password="
            + enc(config.password())
            + "&input_format_skip_unknown_fields=1"
            + "&query="
            + enc("INSERT INTO " + TABLE + " FORMAT JSONEachRow");
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(config.socketTimeout())
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> range(file, from, to)))
            .build();
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    if (response.statusCode() != 200) {
      String body = response.body();
      throw new IOException(
          "ClickHouse refused the JSONEachRow insert: "
              + body.substring(0, Math.min(300, body.length())));
    }
  }

  private static InputStream range(Path file, long from, long to) {
    try {
      FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
      ch.position(from);
      InputStream in = Channels.newInputStream(ch);
      return new InputStream() {
        long left = to - from;

        @Override
        public int read() throws IOException {
          if (left <= 0) {
            return -1;
          }
          left--;
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          if (left <= 0) {
            return -1;
          }
          int n = in.read(b, off, (int) Math.min(len, left));
          if (n > 0) {
            left -= n;
          }
          return n;
        }

        @Override
        public void close() throws IOException {
          in.close();
        }
      };
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Byte ranges of about equal size that start at line starts. */
  private static List<long[]> lineRanges(Path file, int parts) throws IOException {
    List<long[]> ranges = new ArrayList<>();
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      long start = 0;
      for (int i = 1; i <= parts && start < size; i++) {
        long end = i == parts ? size : nextLineStart(ch, size * i / parts, size);
        if (end > start) {
          ranges.add(new long[] {start, end});
        }
        start = Math.max(start, end);
      }
    }
    return ranges;
  }

  private static long nextLineStart(FileChannel ch, long at, long size) throws IOException {
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(1 << 16);
    long pos = at;
    while (pos < size) {
      b.clear();
      int n = ch.read(b, pos);
      if (n <= 0) {
        break;
      }
      for (int i = 0; i < n; i++) {
        if (b.get(i) == '\n') {
          return pos + i + 1;
        }
      }
      pos += n;
    }
    return size;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
