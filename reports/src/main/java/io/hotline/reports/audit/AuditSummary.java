package io.hotline.reports.audit;

import io.hotline.schemas.clickhouse.ClickHouseHttp;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A half-year's audit per centre as the auditor's dashboard shows it: sample drawn, calls scored so
 * far, mean score with its 95% interval and failures — the same numbers the bulletin prints, read
 * through the bulletin's own loader, so the two cannot disagree.
 */
public final class AuditSummary {
  /**
   * One centre.
   *
   * @param mean null until a call is scored
   * @param low lower end of the 95% interval of the mean (null with fewer than two scores)
   * @param high upper end
   * @param failRate failed calls over scored calls, null until a call is scored
   */
  public record Center(
      String code,
      long population,
      int sampled,
      int scored,
      int failed,
      Double mean,
      Double low,
      Double high,
      Double failRate) {}

  private AuditSummary() {}

  /** The periods with at least one draw, newest first. */
  public static List<String> periods(ClickHouseHttp clickHouse) throws IOException {
    List<String> out = new ArrayList<>();
    for (List<String> row :
        clickHouse.query("SELECT DISTINCT period FROM audit_draws ORDER BY period DESC")) {
      out.add(row.get(0));
    }
    return out;
  }

  /** Every centre of the scope with a draw in the period, by code. */
  public static List<Center> of(ClickHouseHttp clickHouse, AuditPeriod period, AuditScope scope)
      throws IOException {
    AuditResults r = AuditResults.load(clickHouse, period, scope, ScoringForm.standard());
    List<Center> out = new ArrayList<>();
    for (AuditResults.Center c : r.centers.values()) {
      if (c.sampled == 0 && c.scored == 0) {
        continue; // calls only, no draw: not part of the audit
      }
      ScoreStats s = c.stats();
      boolean any = s.n() > 0;
      boolean interval = s.n() > 1;
      out.add(
          new Center(
              c.code,
              c.population,
              c.sampled,
              c.scored,
              c.failed,
              any ? s.mean() : null,
              interval ? s.low() : null,
              interval ? s.high() : null,
              c.failRate()));
    }
    return out;
  }
}
