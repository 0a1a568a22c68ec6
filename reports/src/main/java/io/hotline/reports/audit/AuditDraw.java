package io.hotline.reports.audit;

import io.hotline.reports.ReportError;
import io.hotline.schemas.ChinaTime;
import io.hotline.schemas.clickhouse.ClickHouseHttp;
import io.hotline.schemas.clickhouse.TsvRow;
import java.io.IOException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Draws the calls auditors will score: per centre, answered 12333 calls of the half-year that have
 * a recording and enough talk time to judge, stratified by month × hour band so the sample spreads
 * over the period, allocated to strata in proportion to their sizes. Within a stratum the calls
 * with the smallest keys {@code sipHash64(seed:call_id)} are taken: reproducible for the same seed
 * and data, no call twice, and checkable by anyone with the calls table. The draw (parameters,
 * populations, sampled ids) is recorded in ClickHouse.
 */
public final class AuditDraw {
  /** The hour bands of a day (China time) used as strata with the month. */
  static final String BAND_SQL =
      "multiIf(toHour(counted_at) < 9, '00-09', toHour(counted_at) < 12, '09-12',"
          + " toHour(counted_at) < 14, '12-14', toHour(counted_at) < 18, '14-18', '18-24')";

  private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS");
  private static final DateTimeFormatter CH_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  /** How big each centre's sample is: a fixed number, or from a margin and confidence. */
  public record Sizing(Integer perCenter, double margin, double confidence) {
    public static Sizing fixed(int n) {
      if (n <= 0) {
        throw new ReportError("--per-center must be a positive number of calls, not " + n);
      }
      return new Sizing(n, 0, 0);
    }

    public static Sizing forProportion(double margin, double confidence) {
      SampleSize.forProportion(1, margin, confidence); // validates both
      return new Sizing(null, margin, confidence);
    }

    int target(long population) {
      return perCenter != null
          ? (int) Math.min(perCenter, population)
          : SampleSize.forProportion(population, margin, confidence);
    }

    String describe() {
      return perCenter != null
          ? "fixed " + perCenter + " per centre"
          : "margin " + margin + " at confidence " + confidence + " (Cochran, p=0.5, FPC)";
    }
  }

  public record Request(
      AuditPeriod period,
      AuditScope scope,
      Sizing sizing,
      long seed,
      long minTalkSeconds,
      ScoringForm form) {}

  /** One sampled call, as the workbook shows it (never the caller). */
  public record SampledCall(
      String callId,
      String center,
      String agentId,
      String time,
      Double waitSeconds,
      Double talkSeconds,
      String topic,
      String recordingId,
      String uri,
      String stratum,
      long key) {}

  /** A centre's part of the draw; {@code flag} says why it got fewer calls than intended. */
  public record CenterDraw(String center, long population, int target, int drawn, String flag) {}

  public record Result(
      String drawId, Request request, List<CenterDraw> centers, List<SampledCall> calls) {}

  /** The fewest calls a centre needs before its sample is taken as a sample, not a census. */
  static final int FEW_CALLS = 30;

  private final ClickHouseHttp clickHouse;

  public AuditDraw(ClickHouseHttp clickHouse) {
    this.clickHouse = clickHouse;
  }

  public Result draw(Request request) throws IOException {
    Map<String, Map<String, Long>> strata = populations(request);
    if (strata.isEmpty()) {
      throw new ReportError(
          "no answered 12333 call with a recording in "
              + request.scope().region().name()
              + " in "
              + request.period()
              + ": nothing to sample.");
    }
    Map<String, Map<String, Integer>> allocation = new TreeMap<>();
    Map<String, Integer> targets = new TreeMap<>();
    for (Map.Entry<String, Map<String, Long>> c : strata.entrySet()) {
      long population = c.getValue().values().stream().mapToLong(Long::longValue).sum();
      int target = request.sizing().target(population);
      targets.put(c.getKey(), target);
      allocation.put(c.getKey(), allocate(target, c.getValue()));
    }
    List<SampledCall> calls = withRecordings(select(request, allocation));
    Map<String, Integer> drawn = new TreeMap<>();
    calls.forEach(c -> drawn.merge(c.center(), 1, Integer::sum));
    List<CenterDraw> centers = new ArrayList<>();
    for (String center : expectedCenters(request.scope(), strata.keySet())) {
      Map<String, Long> byStratum = strata.getOrDefault(center, Map.of());
      long population = byStratum.values().stream().mapToLong(Long::longValue).sum();
      centers.add(
          new CenterDraw(
              center,
              population,
              targets.getOrDefault(center, 0),
              drawn.getOrDefault(center, 0),
              flag(request, population)));
    }
    String drawId =
        request.period()
            + "-"
            + request.scope().code()
            + "-s"
            + request.seed()
            + "-"
            + LocalDateTime.now(ChinaTime.OFFSET).format(ID_TIME)
            // Two draws of the same period, scope and seed in the same millisecond stay apart.
            + String.format("-%04x", new java.security.SecureRandom().nextInt(0x10000));
    Result result = new Result(drawId, request, centers, calls);
    record(result, strata, allocation);
    return result;
  }

  /** Why a centre's sample is not a proper sample, or empty text when it is. */
  private static String flag(Request request, long population) {
    if (population == 0) {
      return "无可抽检通话（无有录音的接通来电），未抽样";
    }
    if (population < FEW_CALLS) {
      return "可抽检通话过少（" + population + "通），全部抽取，结果仅供参考";
    }
    Integer fixed = request.sizing().perCenter();
    if (fixed != null && population < fixed) {
      return "可抽检通话少于样本量，全部抽取";
    }
    return "";
  }

  /** The centres a scope should have: those with calls, and the scope's cities without any. */
  private List<String> expectedCenters(AuditScope scope, java.util.Set<String> withCalls) {
    java.util.TreeSet<String> all = new java.util.TreeSet<>(withCalls);
    io.hotline.schemas.reference.Regions regions = io.hotline.schemas.reference.Regions.standard();
    switch (scope.region().level()) {
      case NATION -> regions.cities().forEach(c -> all.add(c.code()));
      case PROVINCE -> {
        var cities = regions.citiesOf(scope.code());
        if (cities.isEmpty()) {
          all.add(scope.code());
        }
        cities.forEach(c -> all.add(c.code()));
      }
      default -> all.add(scope.code());
    }
    return List.copyOf(all);
  }

  /** Answered, recorded, long-enough 12333 calls of the period, by centre and stratum. */
  private String population(Request r) {
    return "FROM calls FINAL WHERE day BETWEEN '"
        + r.period().first()
        + "' AND '"
        + r.period().last()
        + "' AND line = '12333' AND answered = 1 AND ifNull(talk_ms, 0) >= "
        + r.minTalkSeconds() * 1000
        + " AND "
        + r.scope().where()
        + " AND call_id IN (SELECT call_id FROM recordings WHERE day BETWEEN '"
        + r.period().first().minusDays(1)
        + "' AND '"
        + r.period().last().plusDays(1)
        + "')";
  }

  private static String stratumSql() {
    return "concat(toString(toYYYYMM(counted_at)), '|', " + BAND_SQL + ")";
  }

  private Map<String, Map<String, Long>> populations(Request r) throws IOException {
    Map<String, Map<String, Long>> out = new TreeMap<>();
    for (List<String> row :
        clickHouse.query(
            "SELECT center, "
                + stratumSql()
                + " AS stratum, count() "
                + population(r)
                + " GROUP BY center, stratum")) {
      out.computeIfAbsent(row.get(0), c -> new TreeMap<>())
          .put(row.get(1), Long.parseLong(row.get(2)));
    }
    return out;
  }

  /**
   * Splits a centre's sample over its strata in proportion to their sizes (largest remainder; ties
   * to the earlier stratum), so a busy month or morning gets its share and no more.
   */
  static Map<String, Integer> allocate(int n, Map<String, Long> strata) {
    long total = strata.values().stream().mapToLong(Long::longValue).sum();
    Map<String, Integer> k = new TreeMap<>();
    if (total == 0 || n == 0) {
      strata.keySet().forEach(s -> k.put(s, 0));
      return k;
    }
    Map<String, Double> remainder = new HashMap<>();
    int given = 0;
    for (Map.Entry<String, Long> s : strata.entrySet()) {
      double exact = (double) n * s.getValue() / total;
      int whole = (int) Math.min(s.getValue(), Math.floor(exact));
      k.put(s.getKey(), whole);
      remainder.put(s.getKey(), exact - whole);
      given += whole;
    }
    List<String> order =
        strata.keySet().stream()
            .sorted(Comparator.comparing((String s) -> -remainder.get(s)).thenComparing(s -> s))
            .collect(Collectors.toList());
    for (int i = 0; given < n && i < order.size() * 2; i++) {
      String s = order.get(i % order.size());
      if (k.get(s) < strata.get(s)) {
        k.merge(s, 1, Integer::sum);
        given++;
      }
    }
    return k;
  }

  private List<SampledCall> select(Request r, Map<String, Map<String, Integer>> allocation)
      throws IOException {
    int maxK =
        allocation.values().stream()
            .flatMap(m -> m.values().stream())
            .mapToInt(Integer::intValue)
            .max()
            .orElse(0);
    if (maxK == 0) {
      return List.of();
    }
    String sql =
        "SELECT call_id, center, agent_id, toString(counted_at), wait_ms, talk_ms, topic,"
            + " stratum, key FROM (SELECT call_id, center, agent_id, counted_at, wait_ms, talk_ms,"
            + " topic, "
            + stratumSql()
            + " AS stratum, sipHash64(concat('"
            + r.seed()
            + ":', call_id)) AS key "
            + population(r)
            + ") ORDER BY center, stratum, key, call_id LIMIT "
            + maxK
            + " BY center, stratum";
    Map<String, Integer> taken = new HashMap<>();
    List<SampledCall> calls = new ArrayList<>();
    for (List<String> row : clickHouse.query(sql)) {
      String center = row.get(1);
      String stratum = row.get(7);
      int k = allocation.getOrDefault(center, Map.of()).getOrDefault(stratum, 0);
      if (taken.merge(center + "|" + stratum, 1, Integer::sum) > k) {
        continue;
      }
      calls.add(
          new SampledCall(
              row.get(0),
              center,
              row.get(2),
              row.get(3),
              seconds(row.get(4)),
              seconds(row.get(5)),
              row.get(6),
              "",
              "",
              stratum,
              Long.parseUnsignedLong(row.get(8))));
    }
    return calls;
  }

  private static Double seconds(String millis) {
    return millis.equals("\\N") || millis.isEmpty() ? null : Long.parseLong(millis) / 1000.0;
  }

  /** Adds each sampled call's recording (id and where the audio is), in chunks of ids. */
  private List<SampledCall> withRecordings(List<SampledCall> calls) throws IOException {
    Map<String, List<String>> recording = new HashMap<>();
    for (int i = 0; i < calls.size(); i += 2000) {
      String ids =
          calls.subList(i, Math.min(calls.size(), i + 2000)).stream()
              .map(c -> "'" + c.callId().replace("\\", "\\\\").replace("'", "\\'") + "'")
              .collect(Collectors.joining(","));
      for (List<String> row :
          clickHouse.query(
              "SELECT call_id, any(recording_id), any(uri) FROM recordings FINAL WHERE call_id IN ("
                  + ids
                  + ") GROUP BY call_id")) {
        recording.put(row.get(0), List.of(row.get(1), row.get(2)));
      }
    }
    List<SampledCall> out = new ArrayList<>();
    for (SampledCall c : calls) {
      List<String> rec = recording.getOrDefault(c.callId(), List.of("", ""));
      out.add(
          new SampledCall(
              c.callId(),
              c.center(),
              c.agentId(),
              c.time(),
              c.waitSeconds(),
              c.talkSeconds(),
              c.topic(),
              rec.get(0),
              rec.get(1),
              c.stratum(),
              c.key()));
    }
    return out;
  }

  private void record(
      Result result,
      Map<String, Map<String, Long>> strata,
      Map<String, Map<String, Integer>> allocation)
      throws IOException {
    Request r = result.request();
    List<String> centerCodes = new ArrayList<>();
    List<String> populations = new ArrayList<>();
    List<String> samples = new ArrayList<>();
    List<String> flags = new ArrayList<>();
    for (CenterDraw c : result.centers()) {
      centerCodes.add(quote(c.center()));
      populations.add(Long.toString(c.population()));
      samples.add(Integer.toString(c.drawn()));
      flags.add(quote(c.flag()));
    }
    List<String> strataNames = new ArrayList<>();
    List<String> strataPop = new ArrayList<>();
    List<String> strataSample = new ArrayList<>();
    strata.forEach(
        (center, byStratum) ->
            byStratum.forEach(
                (stratum, n) -> {
                  strataNames.add(quote(center + "|" + stratum));
                  strataPop.add(Long.toString(n));
                  strataSample.add(Integer.toString(allocation.get(center).get(stratum)));
                }));
    String parameters =
        "sizing="
            + r.sizing().describe()
            + "; min_talk_s="
            + r.minTalkSeconds()
            + "; line=12333; strata=month x hour band "
            + "(00-09, 09-12, 12-14, 14-18, 18-24); selection=smallest sipHash64(seed:call_id)"
            + " per stratum";
    clickHouse.execute(
        "INSERT INTO audit_draws VALUES ("
            + String.join(
                ", ",
                quote(result.drawId()),
                quote(r.period().toString()),
                quote(r.scope().code()),
                quote("stratified-proportional-v1"),
                quote(parameters),
                Long.toString(r.seed()),
                quote(r.form().fullVersion()),
                array(centerCodes),
                array(populations),
                array(samples),
                array(flags),
                array(strataNames),
                array(strataPop),
                array(strataSample),
                quote(LocalDateTime.now(ChinaTime.OFFSET).format(CH_TIME)))
            + ")");
    StringBuilder rows = new StringBuilder();
    for (SampledCall c : result.calls()) {
      new TsvRow(rows)
          .text(result.drawId())
          .text(c.callId())
          .text(c.center())
          .text(c.stratum())
          .text(Long.toUnsignedString(c.key()))
          .text(c.recordingId())
          .end();
    }
    if (rows.length() > 0) {
      clickHouse.insert(
          "audit_samples",
          List.of("draw_id", "call_id", "center", "stratum", "selection_key", "recording_id"),
          rows.toString());
    }
  }

  static String quote(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  private static String array(List<String> values) {
    return "[" + String.join(", ", values) + "]";
  }
}
