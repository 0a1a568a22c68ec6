package io.hotline.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hotline.dashboards.auth.Role;
import io.hotline.dashboards.auth.Users;
import io.hotline.jobs.testing.HotlineData;
import io.hotline.reports.audit.AuditDraw;
import io.hotline.reports.audit.AuditPeriod;
import io.hotline.reports.audit.AuditScope;
import io.hotline.reports.audit.ScoringForm;
import io.hotline.schemas.ChinaTime;
import io.hotline.schemas.clickhouse.ClickHouseConfig;
import io.hotline.schemas.clickhouse.ClickHouseHttp;
import io.hotline.schemas.clickhouse.DailyRollup;
import io.hotline.schemas.clickhouse.MinutesFromCalls;
import io.hotline.schemas.events.Cdr;
import io.hotline.schemas.events.Line;
import io.hotline.schemas.metrics.CallCounts;
import io.hotline.schemas.metrics.CallMeasures;
import io.hotline.schemas.metrics.Metric;
import io.hotline.schemas.reference.Regions;
import io.hotline.schemas.reference.Topics;
import io.hotline.schemas.testing.ClickHouseExtension;
import io.hotline.schemas.trends.TopicTrend;
import io.hotline.schemas.trends.TopicTrends;
import io.hotline.schemas.trends.TrendPeriod;
import io.hotline.schemas.trends.TrendReport;
import io.hotline.schemas.trends.TrendSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard's HTTP API against a real ClickHouse: logins, the scope every data endpoint
 * enforces on the server, and numbers equal to the shared definitions over the same calls.
 */
@ExtendWith(ClickHouseExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardIT {
  private static final String PASSWORD = "correct horse battery";
  private static final ObjectMapper JSON = new ObjectMapper();

  private HotlineData events;
  private ClickHouseHttp clickHouse;
  private DashboardServer server;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  void start(ClickHouseConfig config, @TempDir Path dir) throws Exception {
    ClickHouseHttp ch = new ClickHouseHttp(config);
    clickHouse = ch;
    events =
        new HotlineData(3)
            .days(
                LocalDate.of(2025, 3, 1),
                LocalDate.of(2025, 3, 10),
                List.of("320100", "320500", "110100"),
                10,
                Set.of());
    events.writeTo(ch);
    new DailyRollup(ch).refresh(LocalDate.of(2025, 3, 1), LocalDate.of(2025, 3, 11));
    MinutesFromCalls.fill(ch, LocalDate.of(2025, 3, 1), LocalDate.of(2025, 3, 11), 1);
    Path users = dir.resolve("users.properties");
    Files.writeString(
        users,
        String.join(
            "\n",
            Users.line("ministry", Role.MINISTRY, "000000", PASSWORD.toCharArray()),
            Users.line("jiangsu", Role.PROVINCE, "320000", PASSWORD.toCharArray()),
            Users.line("ops", Role.OPERATOR, "000000", PASSWORD.toCharArray()),
            Users.line("victim", Role.PROVINCE, "110000", PASSWORD.toCharArray()),
            Users.line("beijing", Role.PROVINCE, "110000", PASSWORD.toCharArray()),
            Users.line("auditor", Role.AUDITOR, "320000", PASSWORD.toCharArray()),
            Users.line("bj-auditor", Role.AUDITOR, "110000", PASSWORD.toCharArray())));
    DashboardConfig cfg = DashboardConfig.defaults().withPort(0).withUsersFile(users);
    server = new DashboardServer(cfg, Users.load(users), ch, Clock.systemUTC()).start();
  }

  @AfterAll
  void stop() {
    server.close();
  }

  private record Reply(int status, JsonNode body, HttpResponse<String> raw) {}

  private Reply get(String cookie, String path) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
    if (cookie != null) {
      b.header("Cookie", cookie);
    }
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Reply(
        r.statusCode(),
        r.body().startsWith("{") || r.body().startsWith("[") ? JSON.readTree(r.body()) : null,
        r);
  }

  private Reply login(String user, String password) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/login"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        JSON.writeValueAsString(
                            java.util.Map.of("user", user, "password", password))))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return new Reply(r.statusCode(), JSON.readTree(r.body()), r);
  }

  private String cookie(String user) throws Exception {
    Reply r = login(user, PASSWORD);
    assertThat(r.status()).isEqualTo(200);
    String set = r.raw().headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(set).contains("HttpOnly").contains("SameSite=Strict");
    return set.substring(0, set.indexOf(';'));
  }

  private CallCounts inMemory(Predicate<Cdr> which) {
    CallCounts c = new CallCounts();
    events.calls.stream().filter(which).forEach(c::add);
    return c;
  }

  private static final String MARCH = "&from=2025-03-01&to=2025-03-31";

  @Test
  void aProvinceUserSeesItsProvinceAndCitiesAndNothingElse() throws Exception {
    String c = cookie("jiangsu");
    Reply own = get(c, "/api/overview?line=12333&region=320000" + MARCH);
    assertThat(own.status()).isEqualTo(200);
    CallCounts expected =
        inMemory(x -> x.province().equals("320000") && x.line().number().equals("12333"));
    for (Metric m :
        List.of(Metric.ANSWER_RATE, Metric.ABANDON_RATE, Metric.SL15, Metric.ASA_S, Metric.AHT_S)) {
      assertThat(own.body().path("total").path(m.column()).asDouble())
          .as(m.column())
          .isCloseTo(m.of(expected), within(1e-12));
    }
    assertThat(own.body().path("total").path("total_inbound").asLong())
        .isEqualTo(expected.totalInbound);
    assertThat(own.body().path("children"))
        .extracting(n -> n.path("code").asText())
        .containsExactly("320100", "320500");
    assertThat(get(c, "/api/overview?line=12333&region=320500" + MARCH).status()).isEqualTo(200);
    for (String other : List.of("110000", "110100", "000000")) {
      for (String endpoint : List.of("overview", "series", "live")) {
        assertThat(get(c, "/api/" + endpoint + "?line=12333&region=" + other + MARCH).status())
            .as("%s for %s", endpoint, other)
            .isEqualTo(403);
      }
    }
  }

  @Test
  void theMinistryDrillsFromTheNationToProvincesAndDays() throws Exception {
    String c = cookie("ministry");
    Reply nation = get(c, "/api/overview?line=12333&region=000000" + MARCH);
    assertThat(nation.body().path("children"))
        .extracting(n -> n.path("code").asText())
        .containsExactly("110000", "320000");
    JsonNode beijing = nation.body().path("children").get(0);
    CallCounts bj =
        inMemory(x -> x.province().equals("110000") && x.line().number().equals("12333"));
    assertThat(beijing.path("answer_rate").asDouble())
        .isCloseTo(Metric.ANSWER_RATE.of(bj), within(1e-12));
    Reply days = get(c, "/api/series?line=12333&region=320100&by=day" + MARCH);
    assertThat(days.body()).hasSize(10);
    JsonNode first = days.body().get(0);
    CallCounts day1 =
        inMemory(
            x ->
                x.center().equals("320100")
                    && x.line().number().equals("12333")
                    && ChinaTime.day(CallMeasures.countedAt(x)).equals(LocalDate.of(2025, 3, 1)));
    assertThat(first.path("period").asText()).isEqualTo("2025-03-01");
    assertThat(first.path("sl15").asDouble()).isCloseTo(Metric.SL15.of(day1), within(1e-12));
  }

  @Test
  void hoursComeFromTheMinuteTableAndAddUpToTheDay() throws Exception {
    String c = cookie("jiangsu");
    Reply hours =
        get(c, "/api/series?line=12333&region=320100&by=hour&from=2025-03-02&to=2025-03-02");
    assertThat(hours.status()).isEqualTo(200);
    assertThat(hours.body().get(0).path("period").asText()).startsWith("2025-03-02T");
    long inbound = 0;
    for (JsonNode h : hours.body()) {
      inbound += h.path("total_inbound").asLong();
    }
    CallCounts day =
        inMemory(
            x ->
                x.center().equals("320100")
                    && x.line().number().equals("12333")
                    && ChinaTime.day(CallMeasures.countedAt(x)).equals(LocalDate.of(2025, 3, 2)));
    assertThat(inbound).isEqualTo(day.totalInbound);
    assertThat(get(c, "/api/series?line=12333&region=320100&by=hour" + MARCH).status())
        .isEqualTo(400);
  }

  @Test
  void topicsAreTheSharedTrendFunctionsAnswerAndScoped() throws Exception {
    String c = cookie("jiangsu");
    String range = "&from=2025-03-01&to=2025-03-10";
    Reply topics = get(c, "/api/topics?line=12333&region=320000" + range);
    assertThat(topics.status()).isEqualTo(200);
    TrendReport direct =
        new TopicTrends(clickHouse, TrendSettings.DEFAULT)
            .of(
                Line.L12333,
                Regions.standard().find("320000").orElseThrow(),
                TrendPeriod.parse("2025-03-01..2025-03-10"));
    assertThat(topics.body().path("classified").asLong()).isEqualTo(direct.classified());
    assertThat(direct.classified()).isPositive();
    List<TopicTrend> top = direct.topSubcategories(10);
    assertThat(topics.body().path("subcategories"))
        .extracting(n -> n.path("code").asText() + "=" + n.path("calls").asLong())
        .containsExactlyElementsOf(top.stream().map(t -> t.code() + "=" + t.calls()).toList());
    // Shares per day, one per day of the range: a category's classified calls in Jiangsu that
    // day over all classified calls that day, counted here from the events themselves.
    JsonNode shares = topics.body().path("shares");
    assertThat(shares.path("periods")).hasSize(10);
    assertThat(shares.path("periods").get(0).asText()).isEqualTo("2025-03-01");
    Predicate<Cdr> firstDay =
        x ->
            x.province().equals("320000")
                && x.line() == Line.L12333
                && Topics.standard().isKnown(x.topic())
                && ChinaTime.day(CallMeasures.countedAt(x)).equals(LocalDate.of(2025, 3, 1));
    long classified = events.calls.stream().filter(firstDay).count();
    assertThat(shares.path("series")).hasSize(direct.topCategories(5).size()).isNotEmpty();
    for (JsonNode series : shares.path("series")) {
      String category = series.path("code").asText();
      long calls =
          events.calls.stream()
              .filter(firstDay.and(x -> Topics.categoryOf(x.topic()).equals(category)))
              .count();
      assertThat(series.path("values").get(0).asDouble())
          .as(category)
          .isCloseTo((double) calls / classified, within(1e-12));
    }
    assertThat(get(cookie("beijing"), "/api/topics?line=12333&region=320000" + range).status())
        .isEqualTo(403);
    assertThat(get(cookie("ops"), "/api/topics?line=12333&region=320000" + range).status())
        .isEqualTo(403);
  }

  @Test
  void alertsOfTheRegionAreShownToThoseWhoMaySeeIt() throws Exception {
    clickHouse.execute(
        "INSERT INTO alerts (alert_id, center, province, rule, subject, status, opened_at,"
            + " cleared_at, observed_at, value, threshold, detail, version) VALUES"
            + " ('320100/topic_surge/1404/1', '320100', '320000', 'topic_surge', '1404', 'open',"
            + " now(), NULL, now(), 20, 6.7, '南京市 话题1404 近3小时激增', 1)");
    Reply jiangsu = get(cookie("jiangsu"), "/api/alerts?line=12333&region=320000" + MARCH);
    assertThat(jiangsu.status()).isEqualTo(200);
    assertThat(jiangsu.body().path("alerts"))
        .extracting(n -> n.path("center").asText() + "/" + n.path("rule").asText())
        .containsExactly("320100/topic_surge");
    assertThat(jiangsu.body().path("alerts").get(0).path("open").asBoolean()).isTrue();
    Reply beijing = get(cookie("beijing"), "/api/alerts?line=12333&region=110000" + MARCH);
    assertThat(beijing.body().path("alerts")).isEmpty();
    assertThat(get(cookie("beijing"), "/api/alerts?line=12333&region=320000" + MARCH).status())
        .isEqualTo(403);
  }

  @Test
  void everyFigureAPanelFileNamesIsServedByItsEndpoint() throws Exception {
    String c = cookie("ministry");
    JsonNode panels = get(null, "/panels.json").body();
    JsonNode total = get(c, "/api/overview?line=12333&region=320000" + MARCH).body().path("total");
    for (JsonNode column : panels.path("figures").path("columns")) {
      assertThat(total.has(column.path("field").asText())).as(column.toString()).isTrue();
    }
    JsonNode day = get(c, "/api/series?line=12333&region=320000&by=day" + MARCH).body().get(0);
    for (JsonNode series : panels.path("trend").path("series")) {
      assertThat(day.has(series.path("field").asText())).as(series.toString()).isTrue();
    }
    JsonNode health = get(cookie("ops"), "/api/health").body();
    for (JsonNode row : panels.path("health").path("rows")) {
      assertThat(health.has(row.path("field").asText())).as(row.toString()).isTrue();
    }
  }

  @Test
  void auditorsSeeTheAuditOfTheirScopeOnly() throws Exception {
    AuditDraw.Result draw =
        new AuditDraw(clickHouse)
            .draw(
                new AuditDraw.Request(
                    AuditPeriod.parse("2025H1"),
                    AuditScope.of("320000", null, Regions.standard()),
                    AuditDraw.Sizing.fixed(5),
                    7,
                    30,
                    ScoringForm.standard()));
    assertThat(
            io.hotline.reports.audit.AuditSummary.of(
                clickHouse,
                AuditPeriod.parse("2025H1"),
                AuditScope.of("320000", null, Regions.standard())))
        .hasSize(2);
    Reply jiangsu = get(cookie("auditor"), "/api/audit");
    assertThat(jiangsu.status()).isEqualTo(200);
    assertThat(jiangsu.body().path("period").asText()).isEqualTo("2025H1");
    assertThat(jiangsu.body().path("centers"))
        .extracting(n -> n.path("code").asText() + ":" + n.path("sampled").asInt())
        .containsExactlyElementsOf(
            draw.centers().stream()
                .filter(c -> c.drawn() > 0) // the other 11 centres have no calls to draw from
                .map(c -> c.center() + ":" + c.drawn())
                .toList());
    assertThat(jiangsu.body().path("centers").get(0).path("mean").isNull()).isTrue();
    // Another province's auditor sees no Jiangsu centre, whatever it asks for.
    Reply beijing = get(cookie("bj-auditor"), "/api/audit?period=2025H1&region=320000");
    assertThat(beijing.body().path("centers")).isEmpty();
    assertThat(get(cookie("jiangsu"), "/api/audit").status()).isEqualTo(403);
    assertThat(get(cookie("auditor"), "/api/audit?period=2025-03").status()).isEqualTo(400);
  }

  @Test
  void wholeMonthsAndTheDaysAroundThemAddUpLikeTheDays() throws Exception {
    String c = cookie("ministry");
    // Whole March from the monthly table plus late February's days; then days only.
    for (String[] range :
        List.of(
            new String[] {"2025-02-25", "2025-03-31"}, new String[] {"2025-03-03", "2025-03-07"})) {
      LocalDate from = LocalDate.parse(range[0]);
      LocalDate to = LocalDate.parse(range[1]);
      Reply r =
          get(c, "/api/overview?line=12333&region=320000&from=" + range[0] + "&to=" + range[1]);
      CallCounts expected =
          inMemory(
              x -> {
                LocalDate d = ChinaTime.day(CallMeasures.countedAt(x));
                return x.province().equals("320000")
                    && x.line().number().equals("12333")
                    && !d.isBefore(from)
                    && !d.isAfter(to);
              });
      assertThat(r.body().path("total").path("total_inbound").asLong())
          .isEqualTo(expected.totalInbound);
      assertThat(r.body().path("total").path("wait_p90_s").asDouble())
          .isEqualTo(Metric.WAIT_P90_S.of(expected));
      assertThat(r.body().path("total").path("aht_s").asDouble())
          .isCloseTo(Metric.AHT_S.of(expected), within(1e-9));
    }
  }

  @Test
  void dataQualityShowsCutOffLateCallsAndDeadLettersToThoseWhoMaySeeThem() throws Exception {
    ClickHouseHttp ch = clickHouse;
    Cdr late =
        events.calls.stream().filter(x -> x.center().equals("320100")).findFirst().orElseThrow();
    Cdr lateCopy =
        new Cdr(
            "late-q",
            late.line(),
            late.center(),
            "h",
            late.arrivedAt(),
            late.queuedAt(),
            late.answeredAt(),
            late.endedAt(),
            late.endReason(),
            "q",
            late.agentId(),
            late.topic(),
            late.satisfaction(),
            null);
    HotlineData.insert(
        ch, new io.hotline.jobs.clickhouse.CallRows("test", true), List.of(lateCopy));
    ch.execute(
        "INSERT INTO dead_letters (received_at, kind, source, `partition`, `offset`, reason, field, raw, version)"
            + " VALUES ('2025-03-05 10:00:00', 'cdr', 'cdr', 0, 7, 'not a known centre', 'center', '{}', 1)");
    new DailyRollup(ch).refresh(LocalDate.of(2025, 3, 1), LocalDate.of(2025, 3, 31));
    events.calls.add(lateCopy);
    String q = "/api/quality?line=" + lateCopy.line().number() + "&region=320000" + MARCH;
    Reply ministry = get(cookie("ministry"), q);
    assertThat(ministry.body().path("late_calls").asLong()).isEqualTo(1);
    assertThat(ministry.body().path("data_cut_off").asText())
        .matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
    assertThat(ministry.body().path("dead_letters").asLong()).isEqualTo(1);
    assertThat(ministry.body().path("dead_letter_reasons").get(0).path("field").asText())
        .isEqualTo("center");
    Reply province = get(cookie("jiangsu"), q);
    assertThat(province.body().path("late_calls").asLong()).isEqualTo(1);
    assertThat(province.body().has("dead_letters"))
        .as("unscoped records stay with the ministry")
        .isFalse();
  }

  @Test
  void badValuesAreRefusedBeforeTheyReachSql() throws Exception {
    String c = cookie("ministry");
    assertThat(get(c, "/api/overview?line=12333&region=320000%27%20OR%201=1--" + MARCH).status())
        .isEqualTo(400);
    assertThat(get(c, "/api/overview?line=99999&region=320000" + MARCH).status()).isEqualTo(400);
    assertThat(
            get(c, "/api/overview?line=12333&region=320000&from=2025-13-01&to=2025-03-31").status())
        .isEqualTo(400);
    assertThat(get(c, "/api/series?line=12333&region=320000&by=week" + MARCH).status())
        .isEqualTo(400);
  }

  @Test
  void loginsAreCheckedAndGuessingIsSlowedDown() throws Exception {
    assertThat(get(null, "/api/overview?line=12333&region=320000" + MARCH).status()).isEqualTo(401);
    assertThat(get("hotline_session=forged", "/api/me").status()).isEqualTo(401);
    assertThat(login("nobody", PASSWORD).status()).isEqualTo(401);
    for (int i = 0; i < 5; i++) {
      assertThat(login("victim", "wrong-" + i).status()).isIn(401, 429);
    }
    assertThat(login("victim", PASSWORD).status())
        .as("locked even with the right password")
        .isEqualTo(429);
  }

  @Test
  void operatorsSeeHealthButNoCallData() throws Exception {
    String c = cookie("ops");
    assertThat(get(c, "/api/health").status()).isEqualTo(200);
    assertThat(get(c, "/api/overview?line=12333&region=320000" + MARCH).status()).isEqualTo(403);
  }

  @Test
  void pagesAndEchartsComeFromTheJarWithAStrictContentPolicy() throws Exception {
    Reply page = get(null, "/");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.raw().body()).contains("热线运行监测");
    assertThat(page.raw().headers().firstValue("Content-Security-Policy").orElseThrow())
        .contains("default-src 'self'");
    assertThat(get(null, "/echarts.min.js").raw().body()).hasSizeGreaterThan(500_000);
  }
}
