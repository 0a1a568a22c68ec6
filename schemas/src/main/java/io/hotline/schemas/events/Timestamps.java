package io.hotline.schemas.events;

import java.time.Instant;

/**
 * Strict parsing of the contract's timestamps: ISO-8601 extended format with a mandatory offset,
 * e.g. {@code 2025-03-14T09:01:02.123+08:00} or {@code …Z}. A time without an offset is ambiguous
 * (which clock?) and is refused. Fractions beyond milliseconds are truncated. The event parser's
 * path allocates nothing (no String, no LocalDate).
 */
public final class Timestamps {
  /** Earliest accepted instant: no hotline data predates 12333 (2003); 2000 leaves margin. */
  public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

  /** Latest accepted instant: far beyond any real event, inside ClickHouse's DateTime range. */
  public static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");

  private static final long EARLIEST_MILLIS = EARLIEST.toEpochMilli();
  private static final long LATEST_MILLIS = LATEST.toEpochMilli();

  /** Days from 0000-01-01 to 1970-01-01 in the proleptic ISO calendar, as in LocalDate. */
  private static final long DAYS_0000_TO_1970 = 719_528L;

  private static final long INVALID_DATE = Long.MIN_VALUE;
  // Month starts and lengths of the accepted years, so that a valid date costs two array reads.
  private static final int TABLE_FIRST_YEAR = 2000;
  private static final int TABLE_END_YEAR = 2100;
  private static final byte[] MONTH_LENGTHS = monthLengths();
  private static final int[] MONTH_STARTS = monthStarts();

  private static final String NOT_ISO =
      "is not an ISO-8601 timestamp with offset (like 2025-03-14T09:01:02.123+08:00)";
  private static final String BAD_OFFSET = "has a malformed UTC offset (expected Z or ±HH:MM)";

  private Timestamps() {}

  /** Thrown with a rule a person can act on; the caller attaches field and value. */
  public static final class InvalidTimestamp extends Exception {
    InvalidTimestamp(String rule) {
      super(rule, null, false, false);
    }
  }

  /** Parses to epoch milliseconds, or throws with the rule that the text breaks. */
  public static long parseMillis(String s) throws InvalidTimestamp {
    // One copy; the event parser calls the char[] form on its own buffer instead.
    return parseMillis(s.toCharArray(), 0, s.length());
  }

  /** Parses to an {@link Instant}; see {@link #parseMillis}. */
  public static Instant parse(String s) throws InvalidTimestamp {
    return Instant.ofEpochMilli(parseMillis(s));
  }

  /**
   * Parses {@code s[from, from+n)} to epoch milliseconds; the parser's hot path, reading the JSON
   * parser's characters without making a String. The checks run in a fixed order, so the rule
   * reported for a text with several faults is always the same.
   */
  static long parseMillis(char[] s, int from, int n) throws InvalidTimestamp {
    if (n < 19
        || s[from + 4] != '-'
        || s[from + 7] != '-'
        || s[from + 10] != 'T'
        || s[from + 13] != ':'
        || s[from + 16] != ':') {
      throw new InvalidTimestamp(NOT_ISO);
    }
    int century = pair(s, from);
    int yearOfCentury = pair(s, from + 2);
    int year = (century | yearOfCentury) < 0 ? -1 : century * 100 + yearOfCentury;
    int month = pair(s, from + 5);
    int day = pair(s, from + 8);
    int hour = pair(s, from + 11);
    int minute = pair(s, from + 14);
    int second = pair(s, from + 17);
    int pos = 19;
    int millis = 0;
    if (n >= 24 && s[from + 19] == '.' && isMillisThenEnd(s, from + 20)) {
      // The usual ".123" followed by the offset: the same result as the general loop below.
      millis = pair(s, from + 20) * 10 + (s[from + 22] - '0');
      pos = 23;
    } else if (pos < n && s[from + pos] == '.') {
      int start = ++pos;
      while (pos < n && isDigit(s[from + pos])) {
        if (pos - start < 3) {
          millis = millis * 10 + (s[from + pos] - '0');
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
    int offsetSeconds = offsetSeconds(s, from, n, pos);
    if ((year | month | day | hour | minute | second) < 0) {
      throw new InvalidTimestamp(NOT_ISO);
    }
    if (hour > 23 || minute > 59 || second > 59) {
      throw new InvalidTimestamp("has a time of day out of range");
    }
    long epochDay = epochDayOrInvalid(year, month, day);
    if (epochDay == INVALID_DATE) {
      throw new InvalidTimestamp("is not a real calendar date");
    }
    long epochMillis =
        (epochDay * 86_400L + hour * 3_600L + minute * 60L + second - offsetSeconds) * 1000L
            + millis;
    if (epochMillis < EARLIEST_MILLIS || epochMillis >= LATEST_MILLIS) {
      throw new InvalidTimestamp("is outside the accepted years 2000–2099");
    }
    return epochMillis;
  }

  private static int offsetSeconds(char[] s, int from, int n, int pos) throws InvalidTimestamp {
    if (pos == n) {
      throw new InvalidTimestamp(
          "has no UTC offset; write the offset, e.g. 2025-03-14T09:01:02+08:00");
    }
    char sign = s[from + pos];
    if (sign == 'Z' && pos + 1 == n) {
      return 0;
    }
    if ((sign != '+' && sign != '-') || n != pos + 6 || s[from + pos + 3] != ':') {
      throw new InvalidTimestamp(BAD_OFFSET);
    }
    int hours = pair(s, from + pos + 1);
    int minutes = pair(s, from + pos + 4);
    if (hours < 0 || minutes < 0 || hours > 18 || minutes > 59) {
      throw new InvalidTimestamp(BAD_OFFSET);
    }
    int total = hours * 3600 + minutes * 60;
    return sign == '-' ? -total : total;
  }

  /**
   * The epoch day of a date, or {@link #INVALID_DATE} where LocalDate.of would refuse it. Years
   * 2000–2099, the only ones accepted in the end, come from a table; others are computed.
   */
  private static long epochDayOrInvalid(int year, int month, int day) {
    if (month < 1 || month > 12 || day < 1) {
      return INVALID_DATE;
    }
    int row = (year - TABLE_FIRST_YEAR) * 12 + month - 1;
    if (row >= 0 && row < MONTH_STARTS.length) {
      return day <= MONTH_LENGTHS[row] ? MONTH_STARTS[row] + day - 1 : INVALID_DATE;
    }
    return isRealDate(year, month, day) ? epochDay(year, month, day) : INVALID_DATE;
  }

  private static int[] monthStarts() {
    int[] starts = new int[MONTH_LENGTHS.length];
    for (int row = 0; row < starts.length; row++) {
      starts[row] = (int) epochDay(TABLE_FIRST_YEAR + row / 12, row % 12 + 1, 1);
    }
    return starts;
  }

  private static byte[] monthLengths() {
    byte[] lengths = new byte[(TABLE_END_YEAR - TABLE_FIRST_YEAR) * 12];
    for (int row = 0; row < lengths.length; row++) {
      lengths[row] = (byte) lengthOfMonth(TABLE_FIRST_YEAR + row / 12, row % 12 + 1);
    }
    return lengths;
  }

  // Same rule as LocalDate.of, which refused these with a DateTimeException; the year has four
  // digits here, so it is always in LocalDate's range.
  private static boolean isRealDate(int year, int month, int day) {
    return month >= 1 && month <= 12 && day >= 1 && day <= lengthOfMonth(year, month);
  }

  private static int lengthOfMonth(int year, int month) {
    return switch (month) {
      case 2 -> isLeapYear(year) ? 29 : 28;
      case 4, 6, 9, 11 -> 30;
      default -> 31;
    };
  }

  private static boolean isLeapYear(int year) {
    return (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
  }

  /** LocalDate.toEpochDay for a valid date with a year ≥ 0, without creating the LocalDate. */
  private static long epochDay(int year, int month, int day) {
    long y = year;
    long total = 365 * y + (y + 3) / 4 - (y + 99) / 100 + (y + 399) / 400;
    total += (367L * month - 362) / 12;
    total += day - 1;
    if (month > 2) {
      total--;
      if (!isLeapYear(year)) {
        total--;
      }
    }
    return total - DAYS_0000_TO_1970;
  }

  /** The value of the two decimal digits at {@code at}, or -1 if either is not a digit. */
  private static int pair(char[] s, int at) {
    int tens = s[at] - '0';
    int ones = s[at + 1] - '0';
    if (tens < 0 || tens > 9 || ones < 0 || ones > 9) {
      return -1;
    }
    return tens * 10 + ones;
  }

  /** Whether three digits start at {@code at} and the fourth character is not a digit. */
  private static boolean isMillisThenEnd(char[] s, int at) {
    return isDigit(s[at]) && isDigit(s[at + 1]) && isDigit(s[at + 2]) && !isDigit(s[at + 3]);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
