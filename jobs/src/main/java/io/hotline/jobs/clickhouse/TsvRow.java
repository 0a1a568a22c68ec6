package io.hotline.jobs.clickhouse;

import io.hotline.schemas.ChinaTime;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * Appends one row in ClickHouse's TabSeparated format to a buffer, escaping text so that no value
 * can break out of its cell (tabs, newlines, backslashes), and writing times as China wall-clock
 * text for the {@code DateTime('Asia/Shanghai')} columns.
 */
public final class TsvRow {
  private final StringBuilder out;
  private boolean first = true;

  /**
   * A row appended to {@code out}; write its values in the table's column order, then {@link #end}
   * it. Besides the sink, the launcher's bulk loader writes rows this way.
   */
  public TsvRow(StringBuilder out) {
    this.out = out;
  }

  public TsvRow text(String s) {
    sep();
    if (s == null) {
      return this; // empty string: the product's tables keep absent text as ''
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
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
    return this;
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
    out.append(d);
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

  /** Ends the row (a newline); the row must not be written to afterwards. */
  public void end() {
    out.append('\n');
  }

  private void appendDateTime(Instant t) {
    LocalDateTime l = ChinaTime.local(t);
    out.append(l.getYear()).append('-');
    two(l.getMonthValue()).append('-');
    two(l.getDayOfMonth()).append(' ');
    two(l.getHour()).append(':');
    two(l.getMinute()).append(':');
    two(l.getSecond());
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
