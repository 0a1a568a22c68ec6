package io.hotline.launcher.simulate;

import io.hotline.schemas.events.EventKind;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * The events of one centre-day as JSON lines in one growing byte array, with an index of where each
 * line starts and ends, its type, its emission time and where its id (the Kafka key) sits. JSON is
 * written by hand into bytes, not through objects and Jackson: at national scale the simulator
 * emits about a million events a second, and per-event objects would cost more than the events.
 * Every value written is ASCII.
 */
final class EventBuffer {
  private static final long MILLIS_PER_DAY = 86_400_000L;
  private static final long CHINA_OFFSET_MILLIS = 8 * 3_600_000L;
  private static final byte[] OFFSET_SUFFIX = ".000+08:00\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] NULL = {'n', 'u', 'l', 'l'};
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private byte[] data;
  private int size;

  /** Events spoiled, per {@link Faults} kind. */
  final int[] faults = new int[Faults.KINDS];

  private int count;
  private long[] emitAt;
  private int[] start;
  private int[] end;
  private int[] keyStart;
  private int[] keyEnd;
  private byte[] type;

  // One-entry cache of the "yyyy-MM-ddT" prefix: nearly all timestamps share the current day.
  private long cachedDay = Long.MIN_VALUE;
  private final byte[] cachedPrefix = new byte[11];

  private final String owner;

  EventBuffer(String owner, int expectedEvents) {
    this.owner = owner;
    int n = Math.max(16, expectedEvents);
    data = new byte[n * 300];
    emitAt = new long[n];
    start = new int[n];
    end = new int[n];
    keyStart = new int[n];
    keyEnd = new int[n];
    type = new byte[n];
  }

  /** The centre whose events this buffer holds. */
  String owner() {
    return owner;
  }

  /** Empties the buffer for reuse, keeping its capacity: no new garbage for the next day. */
  void reset() {
    size = 0;
    count = 0;
    Arrays.fill(faults, 0);
  }

  // ---- the index ----

  int count() {
    return count;
  }

  long emitAt(int i) {
    return emitAt[i];
  }

  int typeOrdinal(int i) {
    return type[i];
  }

  byte[] data() {
    return data;
  }

  int start(int i) {
    return start[i];
  }

  /** End of the line, excluding its newline. */
  int end(int i) {
    return end[i];
  }

  int keyStart(int i) {
    return keyStart[i];
  }

  int keyEnd(int i) {
    return keyEnd[i];
  }

  /** Opens a new line; returns its index. */
  int begin(EventKind t, long emitAtMillis) {
    ensureIndex();
    int i = count++;
    type[i] = (byte) t.ordinal();
    emitAt[i] = emitAtMillis;
    start[i] = size;
    return i;
  }

  /** Closes the line opened last (appending the newline that the file sink writes). */
  void finish(int i) {
    end[i] = size;
    put((byte) '\n');
  }

  /** Marks the start of the id inside the current line; the id ends at {@link #markKeyEnd}. */
  void markKeyStart(int i) {
    keyStart[i] = size;
  }

  void markKeyEnd(int i) {
    keyEnd[i] = size;
  }

  /** Delivers line {@code i} once more at a later time: the same bytes, a second index entry. */
  void duplicate(int i, long emitAtMillis) {
    ensureIndex();
    int j = count++;
    type[j] = type[i];
    emitAt[j] = emitAtMillis;
    start[j] = start[i];
    end[j] = end[i];
    keyStart[j] = keyStart[i];
    keyEnd[j] = keyEnd[i];
  }

  /** Cuts the last line short, as a broken producer or a torn write would. */
  void truncateLast(int i, int keepChars) {
    size = start[i] + keepChars;
    end[i] = size;
    keyEnd[i] = Math.min(keyEnd[i], size);
    keyStart[i] = Math.min(keyStart[i], keyEnd[i]);
    put((byte) '\n');
  }

  void delay(int i, long millis) {
    emitAt[i] += millis;
  }

  // ---- appending JSON pieces ----

  void put(byte b) {
    if (size == data.length) {
      grow(1);
    }
    data[size++] = b;
  }

  void put(byte[] bytes) {
    if (size + bytes.length > data.length) {
      grow(bytes.length);
    }
    System.arraycopy(bytes, 0, data, size, bytes.length);
    size += bytes.length;
  }

  void putNull() {
    put(NULL);
  }

  /** A decimal integer (negative only in injected faults). */
  void putLong(long v) {
    if (v < 0) {
      put((byte) '-');
      v = -v;
    }
    if (v <= Integer.MAX_VALUE) {
      putInt((int) v);
      return;
    }
    // Split into int halves: int division is several times cheaper than long division.
    long high = v / 1_000_000_000L;
    putLong(high);
    putPadded((int) (v - high * 1_000_000_000L), 9);
  }

  /** A non-negative decimal integer. */
  void putInt(int v) {
    int digits = digits(v);
    if (size + digits > data.length) {
      grow(digits);
    }
    int p = size + digits;
    do {
      int q = v / 10;
      data[--p] = (byte) ('0' + (v - q * 10));
      v = q;
    } while (v > 0);
    size += digits;
  }

  private static int digits(int v) {
    int d = 1;
    while (v >= 10 && d < 10) {
      v /= 10;
      d++;
    }
    return d;
  }

  /** A non-negative decimal integer zero-padded to {@code width} (at most 10) digits. */
  void putPadded(int v, int width) {
    if (size + width > data.length) {
      grow(width);
    }
    int p = size + width;
    for (int k = 0; k < width; k++) {
      int q = v / 10;
      data[--p] = (byte) ('0' + (v - q * 10));
      v = q;
    }
    size += width;
  }

  /** 16 lower-case hex digits of {@code v}. */
  void putHex(long v) {
    if (size + 16 > data.length) {
      grow(16);
    }
    for (int shift = 56; shift >= 0; shift -= 8) {
      int b = (int) (v >>> shift) & 0xFF;
      data[size++] = HEX[b >>> 4];
      data[size++] = HEX[b & 0xF];
    }
  }

  /**
   * A quoted timestamp in China Standard Time with milliseconds: "2025-03-14T09:01:02.123+08:00".
   */
  void putTimestamp(long epochMillis) {
    long local = epochMillis + CHINA_OFFSET_MILLIS;
    long day = Math.floorDiv(local, MILLIS_PER_DAY);
    int ms = (int) (local - day * MILLIS_PER_DAY);
    if (day != cachedDay) {
      cacheDay(day);
    }
    if (size + 32 > data.length) {
      grow(32);
    }
    byte[] d = data;
    int p = size;
    d[p++] = '"';
    System.arraycopy(cachedPrefix, 0, d, p, 11);
    p += 11;
    int secs = ms / 1000;
    int milli = ms - secs * 1000;
    int hh = secs / 3600;
    int mm = (secs / 60) % 60;
    int ss = secs % 60;
    d[p++] = (byte) ('0' + hh / 10);
    d[p++] = (byte) ('0' + hh % 10);
    d[p++] = ':';
    d[p++] = (byte) ('0' + mm / 10);
    d[p++] = (byte) ('0' + mm % 10);
    d[p++] = ':';
    d[p++] = (byte) ('0' + ss / 10);
    d[p++] = (byte) ('0' + ss % 10);
    System.arraycopy(OFFSET_SUFFIX, 0, d, p, OFFSET_SUFFIX.length);
    d[p + 1] = (byte) ('0' + milli / 100);
    d[p + 2] = (byte) ('0' + (milli / 10) % 10);
    d[p + 3] = (byte) ('0' + milli % 10);
    size = p + OFFSET_SUFFIX.length;
  }

  private void cacheDay(long epochDay) {
    byte[] text = (LocalDate.ofEpochDay(epochDay) + "T").getBytes(StandardCharsets.US_ASCII);
    if (text.length != 11) {
      throw new IllegalArgumentException(
          "year outside 0000-9999: " + LocalDate.ofEpochDay(epochDay));
    }
    System.arraycopy(text, 0, cachedPrefix, 0, 11);
    cachedDay = epochDay;
  }

  private void grow(int needed) {
    data = Arrays.copyOf(data, Math.max(data.length * 2, size + needed));
  }

  private void ensureIndex() {
    if (count < emitAt.length) {
      return;
    }
    int n = emitAt.length * 2;
    emitAt = Arrays.copyOf(emitAt, n);
    start = Arrays.copyOf(start, n);
    end = Arrays.copyOf(end, n);
    keyStart = Arrays.copyOf(keyStart, n);
    keyEnd = Arrays.copyOf(keyEnd, n);
    type = Arrays.copyOf(type, n);
  }

  /** The text of line {@code i}, for tests and diagnostics. */
  String line(int i) {
    return new String(data, start[i], end[i] - start[i], StandardCharsets.US_ASCII);
  }
}
