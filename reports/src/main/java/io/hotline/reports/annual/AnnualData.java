package io.hotline.reports.annual;

import io.hotline.schemas.events.Line;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one annual report prints, as loaded from ClickHouse's daily tables: per hotline number
 * a {@link LineYear}, the topics of the code table, what the data does not cover, and the
 * provenance (query parameters, data cut-off, rows read) that the annex prints.
 */
public final class AnnualData {
  /** The numbers the regulation asks about (人社信息函[2009]35号, [2010]43号). */
  public static final List<Line> LINES = List.of(Line.L12333, Line.L12370);

  public final ReportScope scope;
  public final int year;
  public final Map<Line, LineYear> lines = new LinkedHashMap<>();
  public List<TopicYear> categories = List.of();
  public List<TopicYear> subcategories = List.of();

  /**
   * 12333's topic trends: the whole year against the last when that year has topic data, otherwise
   * each month against its own baseline (see {@code TopicTrends}).
   */
  public List<io.hotline.schemas.trends.TrendReport> topicTrends = List.of();

  /** Calls of the year without a topic code (IVR-only, unanswered, or not classified). */
  public long unclassifiedCalls;

  public Completeness completeness;
  public LocalDateTime dataCutOff;
  public final Map<String, Long> rowsRead = new LinkedHashMap<>();

  AnnualData(ReportScope scope, int year) {
    this.scope = scope;
    this.year = year;
    for (Line line : LINES) {
      lines.put(line, new LineYear(line));
    }
  }

  public LineYear line(Line line) {
    return lines.get(line);
  }

  /** Whether any report line has a call in the year. */
  public boolean hasCalls() {
    return lines.values().stream().anyMatch(l -> l.year.totalInbound > 0);
  }
}
