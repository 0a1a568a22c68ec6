package io.hotline.jobs.testing;

import io.hotline.jobs.records.GroupKey;
import io.hotline.schemas.clickhouse.ClickHouseHttp;
import io.hotline.schemas.metrics.CallCounts;
import io.hotline.schemas.metrics.CallCountsSql;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads the metric components per day × line × centre back from ClickHouse, for comparisons. */
public final class GroupsInClickHouse {
  private GroupsInClickHouse() {}

  /** From {@code calls FINAL}. */
  public static Map<GroupKey, CallCounts> fromCalls(ClickHouseHttp ch) throws Exception {
    return groups(ch, "calls FINAL", CallCountsSql.fromCalls());
  }

  /** From {@code metrics_minute FINAL}. */
  public static Map<GroupKey, CallCounts> fromMinutes(ClickHouseHttp ch) throws Exception {
    return groups(ch, "metrics_minute FINAL", CallCountsSql.fromComponents());
  }

  private static Map<GroupKey, CallCounts> groups(
      ClickHouseHttp ch, String table, String components) throws Exception {
    Map<GroupKey, CallCounts> out = new TreeMap<>();
    for (List<String> r :
        ch.query(
            "SELECT toString(day), line, center, "
                + components
                + " FROM "
                + table
                + " GROUP BY day, line, center")) {
      out.put(
          new GroupKey(r.get(0), r.get(1), r.get(2)), CallCountsSql.read(r.subList(3, r.size())));
    }
    return out;
  }
}
