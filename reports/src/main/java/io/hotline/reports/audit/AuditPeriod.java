package io.hotline.reports.audit;

import io.hotline.reports.ReportError;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A half-year of the twice-yearly audit, written {@code 2025H1} (Jan–Jun) or {@code 2025H2}. */
public record AuditPeriod(int year, int half) {
  private static final Pattern FORMAT = Pattern.compile("(20\\d\\d)H([12])");

  public static AuditPeriod parse(String text) {
    Matcher m = FORMAT.matcher(text.trim());
    if (!m.matches()) {
      throw new ReportError(
          "--period must be a half-year such as 2025H1 (January–June) or 2025H2, not '"
              + text
              + "'");
    }
    return new AuditPeriod(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
  }

  public LocalDate first() {
    return LocalDate.of(year, half == 1 ? 1 : 7, 1);
  }

  public LocalDate last() {
    return half == 1 ? LocalDate.of(year, 6, 30) : LocalDate.of(year, 12, 31);
  }

  public AuditPeriod previous() {
    return half == 2 ? new AuditPeriod(year, 1) : new AuditPeriod(year - 1, 2);
  }

  /** 2025年上半年 / 2025年下半年. */
  public String chinese() {
    return year + "年" + (half == 1 ? "上半年" : "下半年");
  }

  @Override
  public String toString() {
    return year + "H" + half;
  }
}
