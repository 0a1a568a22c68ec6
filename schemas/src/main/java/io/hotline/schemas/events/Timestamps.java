package io.hotline.schemas.events;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Strict, allocation-light parsing of the contract's timestamps: ISO-8601 extended format with a
 * mandatory offset, e.g. {@code 2025-03-14T09:01:02.123+08:00} or {@code …Z}. A time without an
 * offset is ambiguous (which clock?) and is refused. Fractions beyond milliseconds are truncated.
 */
public final class Timestamps {
  /** Earliest accepted instant: no hotline data predates 12333 (2003); 2000 leaves margin. */
  public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

  /** Latest accepted instant: far beyond any real event, inside ClickHouse's DateTime range. */
  public static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");

  private Timestamps() {}

  /** Thrown with a rule a person can act on; the caller attaches field and value. */
  public static final class InvalidTimestamp extends Exception {
    InvalidTimestamp(String rule) {
      super(rule, null, false, false);
    }
  }

  /** Parses to epoch milliseconds, or throws with the rule that the text breaks. */
  public static long parseMillis(String s) throws InvalidTimestamp {
    int n = s.length();
    if (n < 19
        || s.charAt(4) != '-'
        || s.charAt(7) != '-'
        || s.charAt(10) != 'T'
        || s.charAt(13) != ':'
        || s.charAt(16) != ':') {
      throw new InvalidTimestamp(
          "is not an ISO-8601 timestamp with offset (like 2025-03-14T09:01:02.123+08:00)");
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 2);
    int day = digits(s, 8, 2);
    int hour = digits(s, 11, 2);
    int minute = digits(s, 14, 2);
    int second = digits(s, 17, 2);
    int pos = 19;
    int millis = 0;
    if (pos < n && s.charAt(pos) == '.') {
      int start = ++pos;
      while (pos < n && isDigit(s.charAt(pos))) {
        if (pos - start < 3) {
          millis = millis * 10 + (s.charAt(pos) - '0');
        }
        pos++;
      }
      int fractionDigits = pos - start;
      if (fractionDigits == 0 || fractionDigits > 9) {
        throw new InvalidTimestamp("has a malformed fraction of a second");
      }
      for (int i = fractionDigits; i < 3; i++) {
        millis *= 10;
      }
    }
    int offsetSeconds = offsetSeconds(s, pos);
    if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
      throw new InvalidTimestamp(
          "is not an ISO-8601 timestamp with offset (like 2025-03-14T09:01:02.123+08:00)");
    }
    if (hour > 23 || minute > 59 || second > 59) {
      throw new InvalidTimestamp("has a time of day out of range");
    }
    long epochDay;
    try {
      epochDay = LocalDate.of(year, month, day).toEpochDay();
    } catch (DateTimeException e) {
      throw new InvalidTimestamp("is not a real calendar date");
    }
    long epochMillis =
        (epochDay * 86_400L + hour * 3_600L + minute * 60L + second - offsetSeconds) * 1000L
            + millis;
    if (epochMillis < EARLIEST.toEpochMilli() || epochMillis >= LATEST.toEpochMilli()) {
      throw new InvalidTimestamp("is outside the accepted years 2000–2099");
    }
    return epochMillis;
  }

  /** Parses to an {@link Instant}; see {@link #parseMillis}. */
  public static Instant parse(String s) throws InvalidTimestamp {
    return Instant.ofEpochMilli(parseMillis(s));
  }

  private static int offsetSeconds(String s, int pos) throws InvalidTimestamp {
    int n = s.length();
    if (pos == n) {
      throw new InvalidTimestamp(
          "has no UTC offset; write the offset, e.g. 2025-03-14T09:01:02+08:00");
    }
    char sign = s.charAt(pos);
    if (sign == 'Z' && pos + 1 == n) {
      return 0;
    }
    if ((sign != '+' && sign != '-') || n != pos + 6 || s.charAt(pos + 3) != ':') {
      throw new InvalidTimestamp("has a malformed UTC offset (expected Z or ±HH:MM)");
    }
    int hours = digits(s, pos + 1, 2);
    int minutes = digits(s, pos + 4, 2);
    if (hours < 0 || minutes < 0 || hours > 18 || minutes > 59) {
      throw new InvalidTimestamp("has a malformed UTC offset (expected Z or ±HH:MM)");
    }
    int total = hours * 3600 + minutes * 60;
    return sign == '-' ? -total : total;
  }

  /** The value of {@code len} decimal digits at {@code from}, or -1 if any is not a digit. */
  private static int digits(String s, int from, int len) {
    int v = 0;
    for (int i = from; i < from + len; i++) {
      char c = s.charAt(i);
      if (!isDigit(c)) {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
