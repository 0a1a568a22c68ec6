package io.hotline.schemas.clickhouse;

import io.hotline.schemas.ChinaTime;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Appends one row in ClickHouse's TabSeparated format to a buffer, escaping text so that no value
 * can break out of its cell (tabs, newlines, backslashes), and writing times as China wall-clock
 * text for the {@code DateTime('Asia/Shanghai')} columns.
 */
public final class TsvRow {
  private static final long CHINA_OFFSET_SECONDS = ChinaTime.OFFSET.getTotalSeconds();
  private static final long SECONDS_PER_DAY = 86_400;

  /** The characters below 16 that are written escaped (the backslash is escaped too). */
  private static final boolean[] ESCAPED = new boolean[16];

  static {
    for (char c : new char[] {'\t', '\n', '\r', '\0', '\b', '\f'}) {
      ESCAPED[c] = true;
    }
  }

  private final StringBuilder out;
  private boolean first = true;

  /**
   * A row appended to {@code out}; write its values in the table's column order, then {@link #end}
   * it. The jobs' sink, the bulk loader, the daily roll-up's ledger and the audit's tables all
   * write their rows this way.
   */
  public TsvRow(StringBuilder out) {
    this.out = out;
  }

  public TsvRow text(String s) {
    sep();
    if (s == null) {
      return this; // empty string: the product's tables keep absent text as ''
    }
    // Almost no value needs escaping: copy those whole, which is several times faster.
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c == '\\' || (c < ESCAPED.length && ESCAPED[c])) {
        out.append(s, 0, i);
        appendEscaped(s, i);
        return this;
      }
    }
    out.append(s);
    return this;
  }

  private void appendEscaped(String s, int from) {
    for (int i = from; i < s.length(); i++) {
      appendEscaped(s.charAt(i));
    }
  }

  private void appendEscaped(char c) {
    switch (c) {
      case '\\' -> out.append("\\\\");
      case '\t' -> out.append("\\t");
      case '\n' -> out.append("\\n");
      case '\r' -> out.append("\\r");
      case '\0' -> out.append("\\0");
      case '\b' -> out.append("\\b");
      case '\f' -> out.append("\\f");
      default -> out.append(c);
    }
  }

  public TsvRow number(long n) {
    sep();
    out.append(n);
    return this;
  }

  public TsvRow nullableNumber(Long n) {
    sep();
    if (n == null) {
      out.append("\\N");
    } else {
      out.append(n.longValue());
    }
    return this;
  }

  /** A {@code Nullable(Float64)} value. */
  public TsvRow nullableDecimal(Double d) {
    sep();
    if (d == null) {
      out.append("\\N");
    } else {
      out.append(d.doubleValue());
    }
    return this;
  }

  public TsvRow flag(boolean b) {
    sep();
    out.append(b ? '1' : '0');
    return this;
  }

  /** A {@code DateTime('Asia/Shanghai')} value, whole seconds. */
  public TsvRow dateTime(Instant t) {
    sep();
    appendDateTime(t);
    return this;
  }

  public TsvRow nullableDateTime(Instant t) {
    if (t == null) {
      sep();
      out.append("\\N");
      return this;
    }
    return dateTime(t);
  }

  public TsvRow date(LocalDate d) {
    sep();
    appendDate(d.getYear(), d.getMonthValue(), d.getDayOfMonth());
    return this;
  }

  /** An {@code Array(UInt32)} value. */
  public TsvRow array(long[] values) {
    sep();
    out.append('[');
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(values[i]);
    }
    out.append(']');
    return this;
  }

  /**
   * An {@code Array(String)} value: each element single-quoted, with ClickHouse's escapes inside
   * the quotes (which also keep tabs and newlines out of the cell).
   */
  public TsvRow textArray(List<String> values) {
    sep();
    out.append('[');
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append('\'');
      String v = values.get(i);
      for (int k = 0; k < v.length(); k++) {
        char c = v.charAt(k);
        if (c == '\'') {
          out.append("\\'");
        } else {
          appendEscaped(c);
        }
      }
      out.append('\'');
    }
    out.append(']');
    return this;
  }

  /** Ends the row (a newline); the row must not be written to afterwards. */
  public void end() {
    out.append('\n');
  }

  private void appendDateTime(Instant t) {
    // China wall-clock time by arithmetic, as ChinaTime.local computes it, without its objects:
    // this runs for several columns of every row.
    long local = t.getEpochSecond() + CHINA_OFFSET_SECONDS;
    LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(local, SECONDS_PER_DAY));
    int second = (int) Math.floorMod(local, SECONDS_PER_DAY);
    appendDate(day.getYear(), day.getMonthValue(), day.getDayOfMonth());
    out.append(' ');
    two(second / 3600).append(':');
    two(second / 60 % 60).append(':');
    two(second % 60);
  }

  /** {@code yyyy-MM-dd}, as {@link LocalDate#toString} writes years 1000 to 9999. */
  private void appendDate(int year, int month, int day) {
    if (year < 1000 || year > 9999) {
      out.append(LocalDate.of(year, month, day));
      return;
    }
    out.append(year).append('-');
    two(month).append('-');
    two(day);
  }

  private StringBuilder two(int v) {
    if (v < 10) {
      out.append('0');
    }
    return out.append(v);
  }

  private void sep() {
    if (!first) {
      out.append('\t');
    }
    first = false;
  }
}
