package io.hotline.reports.audit;

import io.hotline.schemas.clickhouse.ClickHouseHttp;
import io.hotline.schemas.clickhouse.DailyRollup;
import io.hotline.schemas.metrics.CallCounts;
import io.hotline.schemas.metrics.CallCountsSql;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A half-year's audit results per centre, as the bulletin prints them: the current score of each
 * sampled call (its latest import), failures, missed items, the centre's population from its draw,
 * and the time-to-answer components of all the centre's 12333 calls in the period, from the same
 * daily tables and definitions as every other report.
 */
final class AuditResults {
  /** One centre's half-year. */
  static final class Center {
    final String code;
    final List<Double> scores = new ArrayList<>();
    int scored;
    int failed;
    long population;
    int sampled;
    final Map<String, int[]> itemMisses = new TreeMap<>(); // item → {missed, judged}
    final CallCounts calls = new CallCounts();

    Center(String code) {
      this.code = code;
    }

    ScoreStats stats() {
      return ScoreStats.of(scores.stream().mapToDouble(Double::doubleValue).toArray(), population);
    }

    Double failRate() {
      return scored == 0 ? null : (double) failed / scored;
    }
  }

  final AuditPeriod period;
  final Map<String, Center> centers = new TreeMap<>();
  int draws;

  private AuditResults(AuditPeriod period) {
    this.period = period;
  }

  Center center(String code) {
    return centers.computeIfAbsent(code, Center::new);
  }

  static AuditResults load(
      ClickHouseHttp ch, AuditPeriod period, AuditScope scope, ScoringForm form)
      throws IOException {
    AuditResults r = new AuditResults(period);
    String p = AuditDraw.quote(period.toString());
    // The newest draw of the period gives each centre's population and sample size.
    for (List<String> row :
        ch.query(
            "SELECT c, argMax(pop, created_at), argMax(n, created_at), uniqExact(draw_id) FROM audit_draws"
                + " ARRAY JOIN centers AS c, center_population AS pop, center_sample AS n WHERE period = "
                + p
                + " GROUP BY c")) {
      if (scope.contains(row.get(0))) {
        Center c = r.center(row.get(0));
        c.population = Long.parseLong(row.get(1));
        c.sampled = Integer.parseInt(row.get(2));
      }
    }
    List<List<String>> draws = ch.query("SELECT count() FROM audit_draws WHERE period = " + p);
    r.draws = Integer.parseInt(draws.get(0).get(0));
    for (List<String> row :
        ch.query(
            "SELECT call_id, argMax(center, imported_ms), argMax(score, imported_ms),"
                + " argMax(failed, imported_ms), argMax(item_ids, imported_ms),"
                + " argMax(item_values, imported_ms) FROM audit_scores WHERE draw_id IN (SELECT"
                + " draw_id FROM audit_draws WHERE period = "
                + p
                + ") GROUP BY call_id")) {
      String centerCode = row.get(1);
      if (!scope.contains(centerCode)) {
        continue;
      }
      Center c = r.center(centerCode);
      c.scored++;
      if (!row.get(2).equals("\\N")) {
        c.scores.add(Double.parseDouble(row.get(2)));
      }
      if (row.get(3).equals("1")) {
        c.failed++;
      }
      List<String> ids = stringArray(row.get(4));
      List<String> values = stringArray(row.get(5));
      for (int i = 0; i < ids.size(); i++) {
        Double earned = form.answer(values.get(i)).earned();
        if (earned == null) {
          continue;
        }
        int[] m = c.itemMisses.computeIfAbsent(ids.get(i), k -> new int[2]);
        m[1]++;
        if (earned < 1.0) {
          m[0]++;
        }
      }
    }
    new DailyRollup(ch).refresh(period.first(), period.last());
    int n = CallCountsSql.COLUMNS.size();
    for (List<String> row :
        ch.query(
            "SELECT center, "
                + CallCountsSql.fromComponents()
                + " FROM calls_daily FINAL WHERE day BETWEEN '"
                + period.first()
                + "' AND '"
                + period.last()
                + "' AND line = '12333' AND "
                + scope.where()
                + " GROUP BY center")) {
      r.center(row.get(0)).calls.merge(CallCountsSql.read(row.subList(1, 1 + n)));
    }
    return r;
  }

  /** Parses ClickHouse's text form of Array(String), e.g. ['符合','不适用']. */
  static List<String> stringArray(String text) {
    List<String> out = new ArrayList<>();
    String s = text.strip();
    int i = 1;
    while (i < s.length() - 1) {
      if (s.charAt(i) != '\'') {
        i++;
        continue;
      }
      StringBuilder v = new StringBuilder();
      i++;
      while (i < s.length() && s.charAt(i) != '\'') {
        if (s.charAt(i) == '\\' && i + 1 < s.length()) {
          i++;
        }
        v.append(s.charAt(i++));
      }
      out.add(v.toString());
      i++;
    }
    return out;
  }
}
