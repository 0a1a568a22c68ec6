package io.hotline.dashboards.api;

import io.hotline.dashboards.auth.User;
import io.hotline.reports.ReportError;
import io.hotline.reports.audit.AuditPeriod;
import io.hotline.reports.audit.AuditScope;
import io.hotline.reports.audit.AuditSummary;
import io.hotline.schemas.clickhouse.ClickHouseHttp;
import io.hotline.schemas.reference.Regions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The auditor's view: for a half-year, each centre of the user's scope with its sample and the
 * scores imported so far, from the same loader as the quality bulletin. Scope comes from the login,
 * never from the request.
 */
public final class AuditApi {
  private final ClickHouseHttp clickHouse;
  private final Regions regions = Regions.standard();

  public AuditApi(ClickHouseHttp clickHouse) {
    this.clickHouse = clickHouse;
  }

  /**
   * The audit of the period (the newest with a draw when none is asked for) within the user's
   * scope.
   */
  public Map<String, Object> audit(User user, String period) throws IOException {
    List<String> periods = AuditSummary.periods(clickHouse);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("periods", periods);
    if (periods.isEmpty() && period == null) {
      out.put("period", null);
      out.put("centers", List.of());
      return out;
    }
    AuditPeriod p = parse(period != null ? period : periods.get(0));
    AuditScope scope = new AuditScope(regions.find(user.scope()).orElseThrow());
    List<Map<String, Object>> centers = new ArrayList<>();
    for (AuditSummary.Center c : AuditSummary.of(clickHouse, p, scope)) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("code", c.code());
      row.put("name", regions.find(c.code()).map(r -> r.name()).orElse(c.code()));
      row.put("population", c.population());
      row.put("sampled", c.sampled());
      row.put("scored", c.scored());
      row.put("failed", c.failed());
      row.put("mean", c.mean());
      row.put("low", c.low());
      row.put("high", c.high());
      row.put("fail_rate", c.failRate());
      centers.add(row);
    }
    out.put("period", p.toString());
    out.put("period_name", p.chinese());
    out.put("centers", centers);
    return out;
  }

  private static AuditPeriod parse(String period) {
    try {
      return AuditPeriod.parse(period);
    } catch (ReportError e) {
      throw new BadRequest("period must be a half-year such as 2025H1");
    }
  }
}
