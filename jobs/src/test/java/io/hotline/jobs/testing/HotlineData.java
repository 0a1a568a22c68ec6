package io.hotline.jobs.testing;

import io.hotline.jobs.clickhouse.CallRows;
import io.hotline.jobs.clickhouse.RecordingRows;
import io.hotline.jobs.clickhouse.SmsRows;
import io.hotline.jobs.clickhouse.TableRows;
import io.hotline.schemas.ChinaTime;
import io.hotline.schemas.clickhouse.ClickHouseHttp;
import io.hotline.schemas.clickhouse.TsvRow;
import io.hotline.schemas.events.Cdr;
import io.hotline.schemas.events.EndReason;
import io.hotline.schemas.events.Line;
import io.hotline.schemas.events.Recording;
import io.hotline.schemas.events.Sms;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Deterministic calls, recordings and SMS for report tests, written to ClickHouse with the ingest
 * job's own row writers, so the tables look exactly as the streaming job leaves them.
 */
public final class HotlineData {
  private static final String[] TOPICS = {"1402", "1402", "1401", "1501", "0101", "2601", "14", ""};

  public final List<Cdr> calls = new ArrayList<>();
  public final List<Recording> recordings = new ArrayList<>();
  public final List<Sms> sms = new ArrayList<>();
  private final SplittableRandom random;
  private int serial;

  public HotlineData(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /**
   * {@code perDay} calls a day for each centre and line from {@code from} to {@code to}, skipping
   * the given days for that centre, with recordings for most answered calls and some SMS.
   */
  public HotlineData days(
      LocalDate from, LocalDate to, List<String> centers, int perDay, Set<String> skipCenterDays) {
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      for (String center : centers) {
        if (skipCenterDays.contains(center + "@" + d)) {
          continue;
        }
        for (Line line : List.of(Line.L12333, Line.L12370, Line.L12385)) {
          int n = line == Line.L12333 ? perDay : Math.max(1, perDay / 4);
          for (int i = 0; i < n; i++) {
            call(d, center, line);
          }
          sms(d, center, line);
        }
      }
    }
    return this;
  }

  private void call(LocalDate day, String center, Line line) {
    String id = "call-" + (serial++);
    // Arrivals from 07:00 to 22:00 China time, so some fall in each hour band.
    Instant arrived = ChinaTime.startOf(day).plusSeconds(7 * 3600 + random.nextLong(15 * 3600));
    int kind = random.nextInt(10);
    Instant queued = kind < 2 ? null : arrived.plusSeconds(5 + random.nextLong(40));
    Instant answered = null;
    Instant ended;
    EndReason reason;
    if (queued == null) {
      ended = arrived.plusSeconds(30 + random.nextLong(100));
      reason = EndReason.COMPLETED;
    } else if (kind < 8) {
      answered = queued.plusMillis(random.nextLong(45_000));
      ended = answered.plusSeconds(30 + random.nextLong(600));
      reason = EndReason.COMPLETED;
    } else {
      ended = queued.plusMillis(500 + random.nextLong(60_000));
      reason = EndReason.CALLER_HANGUP;
    }
    String recording = answered != null && random.nextInt(20) != 0 ? "rec-" + id : null;
    calls.add(
        new Cdr(
            id,
            line,
            center,
            "h" + random.nextInt(1000),
            arrived,
            queued,
            answered,
            ended,
            reason,
            "q",
            answered == null ? null : "10" + random.nextInt(100),
            answered == null ? null : emptyToNull(TOPICS[random.nextInt(TOPICS.length)]),
            answered == null || random.nextInt(3) == 0 ? null : 1 + random.nextInt(3),
            recording));
    // One named recording in ten never arrives: coverage counts matches, not names.
    if (recording != null && random.nextInt(10) != 0) {
      recordings.add(
          new Recording(
              recording,
              id,
              center,
              "10",
              answered,
              ended.toEpochMilli() - answered.toEpochMilli(),
              "s3://recordings/" + recording + ".wav",
              "wav/pcm16/8k",
              null,
              null));
    }
  }

  private void sms(LocalDate day, String center, Line line) {
    Instant at = ChinaTime.startOf(day).plusSeconds(9 * 3600 + random.nextLong(8 * 3600));
    Sms.Direction direction = random.nextBoolean() ? Sms.Direction.MO : Sms.Direction.MT;
    Sms.Status status = Sms.Status.values()[random.nextInt(3)];
    sms.add(
        new Sms("sms-" + (serial++), line, center, direction, at, 1 + random.nextInt(3), status));
  }

  private static String emptyToNull(String s) {
    return s.isEmpty() ? null : s;
  }

  /** Writes everything generated so far. */
  public void writeTo(ClickHouseHttp clickHouse) throws IOException {
    insert(clickHouse, new CallRows("test", false), calls);
    insert(clickHouse, new RecordingRows("test"), recordings);
    insert(clickHouse, new SmsRows("test"), sms);
  }

  /** Writes some values (e.g. one late call, or a duplicate) on their own. */
  public static <T> void insert(ClickHouseHttp clickHouse, TableRows<T> rows, List<T> values)
      throws IOException {
    StringBuilder tsv = new StringBuilder();
    for (T v : values) {
      TsvRow row = new TsvRow(tsv);
      rows.write(v, row);
      row.end();
    }
    if (!values.isEmpty()) {
      clickHouse.insert(rows.table(), rows.columns(), tsv.toString());
    }
  }
}
