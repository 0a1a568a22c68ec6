package io.hotline.jobs.testing;

import io.hotline.schemas.testing.EventJson;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Deterministic test traffic for the jobs' integration tests: calls spread over a few centres,
 * lines and hours, answered, abandoned (some short) and IVR-only, in the order the platform emits
 * them (by end time), with a share of repeated deliveries and malformed lines mixed in.
 */
public final class CallFactory {
  private static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxxx").withZone(ZoneOffset.ofHours(8));
  private static final String[] CENTERS = {"320100", "320500", "110100"};
  private static final String[] LINES = {"12333", "12333", "12370", "12385"};
  private static final Instant START = Instant.parse("2025-03-14T00:30:00Z");

  private CallFactory() {}

  /** {@code n} valid calls as JSON lines, sorted by end time. */
  public static List<String> calls(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<long[]> ends = new ArrayList<>();
    List<String> json = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      long arrived = START.toEpochMilli() + r.nextLong(3 * 3_600_000L);
      long queued = arrived + r.nextLong(1_000, 30_000);
      int kind = r.nextInt(10);
      long answered = queued + r.nextLong(0, 40_000);
      long ended;
      EventJson call;
      if (kind < 6) {
        ended = answered + r.nextLong(20_000, 600_000);
        call =
            EventJson.answeredCall()
                .with("queued_at", ISO.format(Instant.ofEpochMilli(queued)))
                .with("answered_at", ISO.format(Instant.ofEpochMilli(answered)))
                .with("satisfaction", r.nextInt(4) == 0 ? null : 1 + r.nextInt(3))
                .with("recording_id", r.nextInt(20) == 0 ? null : "r-" + i);
      } else if (kind < 8) {
        ended = queued + r.nextLong(500, 90_000);
        call =
            EventJson.abandonedCall().with("queued_at", ISO.format(Instant.ofEpochMilli(queued)));
      } else {
        ended = arrived + r.nextLong(10_000, 120_000);
        call = EventJson.ivrOnlyCall();
      }
      call.with("call_id", "call-" + seed + "-" + i)
          .with("line", LINES[r.nextInt(LINES.length)])
          .with("center", CENTERS[r.nextInt(CENTERS.length)])
          .with("caller", "139" + String.format("%08d", r.nextInt(100_000_000)))
          .with("arrived_at", ISO.format(Instant.ofEpochMilli(arrived)))
          .with("ended_at", ISO.format(Instant.ofEpochMilli(ended)));
      ends.add(new long[] {ended, i});
      json.add(call.json());
    }
    ends.sort((a, b) -> Long.compare(a[0], b[0]));
    List<String> ordered = new ArrayList<>(n);
    for (long[] e : ends) {
      ordered.add(json.get((int) e[1]));
    }
    return ordered;
  }

  /**
   * The calls with every {@code every}-th one delivered twice and a malformed line now and then.
   */
  public static List<String> withFaults(List<String> calls, int every) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < calls.size(); i++) {
      out.add(calls.get(i));
      if (i % every == 0) {
        out.add(calls.get(i));
      }
      if (i % (every * 3) == 1) {
        out.add("{\"call_id\": \"broken-" + i + "\", \"line\": ");
      }
    }
    return out;
  }
}
