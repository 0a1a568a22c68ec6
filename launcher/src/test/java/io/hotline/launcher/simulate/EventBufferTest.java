package io.hotline.launcher.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.schemas.events.EventKind;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

/** The hand-written JSON pieces: timestamps, numbers, and the line index with its faults. */
class EventBufferTest {

  @Test
  void timestampsAreChinaTimeWithMilliseconds() {
    assertThat(timestamp("2025-03-14T09:01:02.123+08:00"))
        .isEqualTo("\"2025-03-14T09:01:02.123+08:00\"");
    assertThat(timestamp("2025-03-14T01:01:02.007Z"))
        .isEqualTo("\"2025-03-14T09:01:02.007+08:00\"");
    assertThat(timestamp("2024-12-31T16:00:00Z")).isEqualTo("\"2025-01-01T00:00:00.000+08:00\"");
    assertThat(timestamp("2025-01-01T15:59:59.999Z"))
        .isEqualTo("\"2025-01-01T23:59:59.999+08:00\"");
  }

  @Test
  void numbersAreDecimal() {
    EventBuffer b = new EventBuffer("320100", 1);
    int i = b.begin(EventKind.SMS, 0);
    b.putLong(0);
    b.put((byte) ' ');
    b.putLong(-45);
    b.put((byte) ' ');
    b.putLong(12_345_678_901L);
    b.put((byte) ' ');
    b.putPadded(42, 6);
    b.put((byte) ' ');
    b.putInt(Integer.MAX_VALUE);
    b.put((byte) ' ');
    b.putHex(0x0123456789abcdefL);
    b.finish(i);
    assertThat(b.line(i)).isEqualTo("0 -45 12345678901 000042 2147483647 0123456789abcdef");
  }

  @Test
  void duplicatesShareTheLineAndTruncationCutsItShort() {
    EventBuffer b = new EventBuffer("320100", 1);
    int i = b.begin(EventKind.CDR, 1_000);
    b.put("{\"call_id\":\"".getBytes());
    b.markKeyStart(i);
    b.put("abc".getBytes());
    b.markKeyEnd(i);
    b.put("\"}".getBytes());
    b.finish(i);
    b.duplicate(i, 5_000);
    int j = b.begin(EventKind.CDR, 2_000);
    b.put("{\"call_id\":\"xyz\"}".getBytes());
    b.finish(j);
    b.truncateLast(j, 5);
    assertThat(b.count()).isEqualTo(3);
    assertThat(b.line(1)).isEqualTo(b.line(0)).isEqualTo("{\"call_id\":\"abc\"}");
    assertThat(b.emitAt(1)).isEqualTo(5_000);
    assertThat(new String(b.data(), b.keyStart(1), b.keyEnd(1) - b.keyStart(1))).isEqualTo("abc");
    assertThat(b.line(2)).isEqualTo("{\"cal");
    assertThat(b.data()[b.end(2)]).isEqualTo((byte) '\n');
  }

  private static String timestamp(String iso) {
    EventBuffer b = new EventBuffer("320100", 1);
    int i = b.begin(EventKind.CDR, 0);
    b.putTimestamp(OffsetDateTime.parse(iso).toInstant().toEpochMilli());
    b.finish(i);
    return b.line(i);
  }
}
