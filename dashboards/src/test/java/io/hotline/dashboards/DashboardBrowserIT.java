package io.hotline.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.dashboards.auth.Role;
import io.hotline.dashboards.auth.Users;
import io.hotline.dashboards.testing.Browser;
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
import io.hotline.schemas.metrics.CallCounts;
import io.hotline.schemas.metrics.Metric;
import io.hotline.schemas.reference.Regions;
import io.hotline.schemas.testing.ClickHouseExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard in a real headless Chromium: log in per role, drill down, numbers on the page equal
 * the metric definitions for the same selection, the live view updates by itself when new calls
 * arrive, and a province user cannot reach another province even by editing the page's state.
 * Screenshots go to {@code target/screenshots/}.
 */
@ExtendWith(ClickHouseExtension.class)
class DashboardBrowserIT {
  private static final String PASSWORD = "correct horse battery";
  private static final Path SHOTS = Path.of("target/screenshots");

  @TempDir Path dir;

  private static String pct(Double v) {
    return v == null ? "—" : String.format(Locale.ROOT, "%.2f%%", v * 100);
  }

  private static CallCounts of(List<Cdr> calls, Predicate<Cdr> which) {
    CallCounts c = new CallCounts();
    calls.stream().filter(which).forEach(c::add);
    return c;
  }

  @Test
  void rolesDrillDownLiveUpdatesAndScopes(ClickHouseConfig config) throws Exception {
    ClickHouseHttp ch = new ClickHouseHttp(config);
    LocalDate today = LocalDate.now(ChinaTime.OFFSET);
    HotlineData march =
        new HotlineData(5)
            .days(
                LocalDate.of(2025, 3, 1),
                LocalDate.of(2025, 3, 31),
                List.of("320100", "320500", "110100"),
                8,
                Set.of());
    march.writeTo(ch);
    HotlineData todayData = new HotlineData(6).days(today, today, List.of("320100"), 20, Set.of());
    todayData.writeTo(ch);
    MinutesFromCalls.fill(ch, today, today, 1);
    new DailyRollup(ch).refresh(LocalDate.of(2025, 3, 1), today);
    Path users = dir.resolve("users.properties");
    Files.writeString(
        users,
        String.join(
            "\n",
            Users.line("jiangsu", Role.PROVINCE, "320000", PASSWORD.toCharArray()),
            Users.line("ministry", Role.MINISTRY, "000000", PASSWORD.toCharArray()),
            Users.line("auditor", Role.AUDITOR, "320000", PASSWORD.toCharArray()),
            Users.line("ops", Role.OPERATOR, "000000", PASSWORD.toCharArray())));
    new AuditDraw(ch)
        .draw(
            new AuditDraw.Request(
                AuditPeriod.parse("2025H1"),
                AuditScope.of("320000", null, Regions.standard()),
                AuditDraw.Sizing.fixed(6),
                3,
                30,
                ScoringForm.standard()));
    DashboardConfig cfg = DashboardConfig.defaults().withPort(0).withUsersFile(users);
    try (DashboardServer server =
            new DashboardServer(cfg, Users.load(users), ch, Clock.systemUTC()).start();
        Browser b = new Browser()) {
      String url = "http://127.0.0.1:" + server.port() + "/";
      b.open(url);
      b.type("#user", "jiangsu");
      b.type("#password", PASSWORD);
      b.click("#login-button");
      b.waitUntil(() -> safeText(b, "#who").contains("江苏省"), Duration.ofSeconds(10), "logged in");

      // A month of Jiangsu 12333: the page's KPIs equal the definitions over the same calls.
      b.select("#period", "custom");
      b.script(
          "document.getElementById('from').value='2025-03-01';document.getElementById('to').value='2025-03-31';");
      b.click("#show");
      CallCounts js =
          of(march.calls, c -> c.province().equals("320000") && c.line().number().equals("12333"));
      String expected = pct(Metric.ANSWER_RATE.of(js));
      b.waitUntil(
          () -> kpi(b, "answer_rate").equals(expected),
          Duration.ofSeconds(10),
          "answer rate " + expected);
      assertThat(kpi(b, "sl15")).isEqualTo(pct(Metric.SL15.of(js)));
      assertThat(kpi(b, "total_inbound"))
          .isEqualTo(String.format(Locale.ROOT, "%,d", js.totalInbound));
      b.waitUntil(
          () -> safeText(b, "#quality").contains("数据截止"), Duration.ofSeconds(10), "quality line");
      assertThat(safeText(b, "#quality")).doesNotContain("拒收记录"); // not for a province user
      b.screenshot(SHOTS.resolve("1-jiangsu-month.png"));

      // The topic panel: its most frequent sub-category is the one the same calls have most of.
      String topTopic = topSubcategory(march.calls, "320000");
      b.waitUntil(
          () ->
              safeScript(
                  b,
                  "const r = document.querySelector('#topic-subcategories tbody tr');"
                      + " return r !== null && r.dataset.code === '"
                      + topTopic
                      + "';"),
          Duration.ofSeconds(10),
          "top sub-category " + topTopic);
      b.script("document.getElementById('topics-panel').scrollIntoView();");
      b.screenshot(SHOTS.resolve("1b-jiangsu-topics.png"));
      b.script("window.scrollTo(0, 0);");

      // Drill into Nanjing from the ranking table.
      b.click("tr[data-code='320100'] td:first-child");
      b.waitUntil(
          () -> safeText(b, "#crumbs").contains("南京市"), Duration.ofSeconds(10), "drilled to 南京市");
      CallCounts nj =
          of(march.calls, c -> c.center().equals("320100") && c.line().number().equals("12333"));
      b.waitUntil(
          () -> kpi(b, "answer_rate").equals(pct(Metric.ANSWER_RATE.of(nj))),
          Duration.ofSeconds(10),
          "Nanjing answer rate");
      b.screenshot(SHOTS.resolve("2-nanjing.png"));

      // Editing the page's state to ask for Beijing gets the server's refusal, not Beijing's data.
      b.script("state.path.push({code: '110000', name: '北京市'}); show();");
      b.waitUntil(
          () -> safeText(b, "#note").contains("not allowed"), Duration.ofSeconds(10), "403 shown");
      b.screenshot(SHOTS.resolve("3-refused.png"));

      // Live: today's minutes, refreshed every 5 s without reloading; new calls show up.
      b.script("state.path = state.path.slice(0, 1);");
      b.select("#period", "live");
      b.click("#show");
      b.waitUntil(() -> safeText(b, "#note").contains("今天实时"), Duration.ofSeconds(10), "live view");
      String before = safeText(b, "#note");
      HotlineData more = new HotlineData(7).days(today, today, List.of("320500"), 20, Set.of());
      more.writeTo(ch);
      MinutesFromCalls.fill(ch, today, today, 1);
      b.waitUntil(
          () -> !safeText(b, "#note").equals(before), Duration.ofSeconds(15), "live view updated");
      long todayTotal =
          todayData.calls.size()
              + more.calls.size()
              - todayData.calls.stream().filter(c -> !c.line().number().equals("12333")).count()
              - more.calls.stream().filter(c -> !c.line().number().equals("12333")).count();
      b.waitUntil(
          () ->
              safeText(b, "#note").endsWith("呼入 " + String.format(Locale.ROOT, "%,d", todayTotal)),
          Duration.ofSeconds(15),
          "live total " + todayTotal);
      CallCounts live = new CallCounts();
      todayData.calls.stream().filter(c -> c.line().number().equals("12333")).forEach(live::add);
      more.calls.stream().filter(c -> c.line().number().equals("12333")).forEach(live::add);
      String liveRate = pct(Metric.ANSWER_RATE.of(live));
      b.waitUntil(
          () -> kpi(b, "answer_rate").equals(liveRate),
          Duration.ofSeconds(10),
          "live KPIs " + liveRate);
      b.screenshot(SHOTS.resolve("4-live.png"));

      // The ministry sees the nation and both provinces.
      logInAgain(b, "ministry");
      b.waitUntil(
          () -> safeText(b, "#who").contains("全国"), Duration.ofSeconds(10), "ministry logged in");
      b.select("#period", "custom");
      b.script(
          "document.getElementById('from').value='2025-03-01';document.getElementById('to').value='2025-03-31';");
      b.click("#show");
      b.find("tr[data-code='110000']");
      b.find("tr[data-code='320000']");
      assertThat(safeText(b, "#crumbs")).isEqualTo("全国");
      b.screenshot(SHOTS.resolve("5-ministry-nation.png"));

      // The auditor sees the half-year audit of Jiangsu; the operator sees the stack, no calls.
      logInAgain(b, "auditor");
      b.waitUntil(
          () -> safeScript(b, "return document.querySelectorAll('#audit tbody tr').length === 2;"),
          Duration.ofSeconds(10),
          "audit table with Jiangsu's two centres");
      assertThat(safeText(b, "#audit")).contains("南京市").contains("苏州市");
      b.screenshot(SHOTS.resolve("6-auditor.png"));
      logInAgain(b, "ops");
      b.waitUntil(
          () -> safeText(b, "#health").contains("最新话单入库时间"),
          Duration.ofSeconds(10),
          "health panel");
      assertThat(safeScript(b, "return document.getElementById('metrics').hidden;")).isTrue();
      b.screenshot(SHOTS.resolve("7-operator.png"));
    }
  }

  private static void logInAgain(Browser b, String user) throws Exception {
    b.click("#logout");
    b.waitUntil(
        () -> safeScript(b, "return !document.getElementById('login').hidden;"),
        Duration.ofSeconds(10),
        "login form after logout");
    b.script(
        "document.getElementById('user').value=''; document.getElementById('password').value='';");
    b.type("#user", user);
    b.type("#password", PASSWORD);
    b.click("#login-button");
    b.waitUntil(
        () -> safeScript(b, "return !document.getElementById('app').hidden;"),
        Duration.ofSeconds(10),
        user + " logged in");
  }

  /** The sub-category with the most 12333 calls in the province (ties: the lower code). */
  private static String topSubcategory(List<Cdr> calls, String province) {
    java.util.Map<String, Long> counts = new java.util.TreeMap<>();
    calls.stream()
        .filter(c -> c.province().equals(province) && c.line().number().equals("12333"))
        .filter(c -> c.topic() != null && c.topic().length() == 4)
        .forEach(c -> counts.merge(c.topic(), 1L, Long::sum));
    return counts.entrySet().stream()
        .max(
            java.util.Map.Entry.<String, Long>comparingByValue()
                .thenComparing(
                    java.util.Map.Entry.comparingByKey(java.util.Comparator.reverseOrder())))
        .orElseThrow()
        .getKey();
  }

  private static String kpi(Browser b, String key) {
    try {
      return b.script(
              "const e = document.querySelector(\".kpi[data-key='"
                  + key
                  + "'] .v\"); return e ? e.textContent : '';")
          .asText();
    } catch (Exception e) {
      return "";
    }
  }

  private static boolean safeScript(Browser b, String js) {
    try {
      return b.script(js).asBoolean();
    } catch (Exception e) {
      return false;
    }
  }

  private static String safeText(Browser b, String css) {
    try {
      return b.script(
              "const e = document.querySelector(\"" + css + "\"); return e ? e.textContent : '';")
          .asText();
    } catch (Exception e) {
      return "";
    }
  }
}
