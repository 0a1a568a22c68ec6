package io.hotline.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.hotline.dashboards.api.AlertsApi;
import io.hotline.dashboards.api.AuditApi;
import io.hotline.dashboards.api.BadRequest;
import io.hotline.dashboards.api.MetricsApi;
import io.hotline.dashboards.api.Selection;
import io.hotline.dashboards.api.TopicsApi;
import io.hotline.dashboards.auth.LoginLimiter;
import io.hotline.dashboards.auth.Role;
import io.hotline.dashboards.auth.Sessions;
import io.hotline.dashboards.auth.User;
import io.hotline.dashboards.auth.Users;
import io.hotline.schemas.ChinaTime;
import io.hotline.schemas.clickhouse.ClickHouseHttp;
import io.hotline.schemas.clickhouse.DailyRollup;
import io.hotline.schemas.reference.Regions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard: static pages (Chinese UI, ECharts served from the jar) and a JSON API behind a
 * login. Every data endpoint checks the session's user may see the requested region before anything
 * is queried; a province user asking for another province gets 403 whatever the page sent. The
 * daily tables are refreshed in the background so history is current.
 */
public final class DashboardServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DashboardServer.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ECHARTS = "META-INF/resources/webjars/echarts/5.5.0/echarts.min.js";
  private static final Map<String, String> STATIC =
      Map.of(
          "/", "dashboard/index.html",
          "/app.js", "dashboard/app.js",
          "/app.css", "dashboard/app.css",
          "/panels.json", "dashboard/panels.json",
          "/echarts.min.js", ECHARTS);

  private final DashboardConfig config;
  private final Users users;
  private final Sessions sessions;
  private final LoginLimiter limiter;
  private final MetricsApi metrics;
  private final TopicsApi topics;
  private final AuditApi audit;
  private final AlertsApi alerts;
  private final ClickHouseHttp clickHouse;
  private final HttpServer server;
  private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor();

  static {
    // The JDK's server leaves Nagle's algorithm on: a response's headers and body went out as two
    // small segments, and the second waited for the browser's delayed acknowledgement, 40 ms added
    // to every request (a live-minutes request took 48 ms, 8 ms with this). Read once, when the
    // first server is made.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  public DashboardServer(
      DashboardConfig config, Users users, ClickHouseHttp clickHouse, Clock clock)
      throws IOException {
    this.config = config;
    this.users = users;
    this.sessions = new Sessions(config.sessionTtl(), clock);
    this.limiter = new LoginLimiter(clock);
    this.clickHouse = clickHouse;
    this.metrics = new MetricsApi(clickHouse, Regions.standard());
    this.topics = new TopicsApi(clickHouse);
    this.audit = new AuditApi(clickHouse);
    this.alerts = new AlertsApi(clickHouse, clock);
    this.server = HttpServer.create(new InetSocketAddress(config.bind(), config.port()), 64);
    server.setExecutor(Executors.newFixedThreadPool(8));
    server.createContext("/", this::handle);
  }

  /** Starts serving, and keeps the daily tables fresh (all history once, then the recent days). */
  public DashboardServer start() {
    server.start();
    refresher.scheduleWithFixedDelay(this::refreshRecent, 0, 60, TimeUnit.SECONDS);
    return this;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private boolean refreshedAll;

  private void refreshRecent() {
    try {
      LocalDate today = LocalDate.now(ChinaTime.OFFSET);
      LocalDate from = today.minusDays(40);
      if (!refreshedAll) {
        List<List<String>> first = clickHouse.query("SELECT toString(min(day)) FROM calls");
        LocalDate oldest = LocalDate.parse(first.get(0).get(0));
        from = oldest.isAfter(LocalDate.of(2000, 1, 1)) ? oldest : from;
      }
      new DailyRollup(clickHouse).refresh(from, today);
      refreshedAll = true;
    } catch (Exception e) {
      LOG.warn("refreshing the daily tables failed (will retry): {}", e.getMessage());
    }
  }

  private void handle(HttpExchange ex) throws IOException {
    try {
      securityHeaders(ex);
      String path = ex.getRequestURI().getPath();
      if (path.startsWith("/api/")) {
        api(ex, path);
      } else if (STATIC.containsKey(path) && "GET".equals(ex.getRequestMethod())) {
        resource(ex, STATIC.get(path));
      } else {
        send(ex, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8));
      }
    } catch (BadRequest e) {
      json(ex, 400, Map.of("error", e.getMessage()));
    } catch (Exception e) {
      LOG.warn("request {} failed", ex.getRequestURI().getPath(), e);
      json(ex, 500, Map.of("error", "internal error"));
    } finally {
      ex.close();
    }
  }

  private void api(HttpExchange ex, String path) throws IOException {
    if (path.equals("/api/login") && "POST".equals(ex.getRequestMethod())) {
      login(ex);
      return;
    }
    Optional<User> user = sessions.user(cookie(ex));
    if (user.isEmpty()) {
      json(ex, 401, Map.of("error", "please log in"));
      return;
    }
    User u = user.get();
    Map<String, String> q = query(ex);
    switch (path) {
      case "/api/logout" -> {
        sessions.close(cookie(ex));
        json(ex, 200, Map.of("ok", true));
      }
      case "/api/me" -> json(ex, 200, me(u));
      case "/api/health" -> {
        if (u.role() != Role.OPERATOR && u.role() != Role.MINISTRY) {
          json(ex, 403, Map.of("error", "not allowed"));
          return;
        }
        json(ex, 200, health());
      }
      case "/api/overview",
          "/api/series",
          "/api/live",
          "/api/quality",
          "/api/topics",
          "/api/alerts" -> {
        Selection s = Selection.of(withDefaults(q), Regions.standard());
        if (!u.maySee(s.region().code())) {
          json(ex, 403, Map.of("error", "not allowed to see " + s.region().code()));
          return;
        }
        Object body =
            switch (path) {
              case "/api/overview" -> metrics.overview(s);
              case "/api/series" -> metrics.series(s, q.getOrDefault("by", "day"));
              case "/api/quality" -> metrics.quality(s, u.role() == Role.MINISTRY);
              case "/api/topics" -> topics.topics(s);
              case "/api/alerts" -> alerts.alerts(s);
              default -> metrics.live(s);
            };
        json(ex, 200, body);
      }
      case "/api/audit" -> {
        if (u.role() != Role.AUDITOR && u.role() != Role.MINISTRY) {
          json(ex, 403, Map.of("error", "not allowed"));
          return;
        }
        json(ex, 200, audit.audit(u, q.get("period")));
      }
      default -> json(ex, 404, Map.of("error", "no such endpoint"));
    }
  }

  /** Live requests need no dates: they are about today. */
  private static Map<String, String> withDefaults(Map<String, String> q) {
    Map<String, String> out = new HashMap<>(q);
    String today = LocalDate.now(ChinaTime.OFFSET).toString();
    out.putIfAbsent("from", today);
    out.putIfAbsent("to", today);
    return out;
  }

  private Map<String, Object> me(User u) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("user", u.name());
    m.put("role", u.role().name().toLowerCase());
    m.put("scope", u.scope());
    m.put("scope_name", Regions.standard().find(u.scope()).map(r -> r.name()).orElse(u.scope()));
    m.put("targets", Map.of("answer_rate", config.answerRateTarget(), "sl15", config.sl15Target()));
    return m;
  }

  /**
   * What the operator needs to know the pipeline is alive: ClickHouse answers, how fresh each
   * table's newest row is, how many records were refused today, and when the daily tables were last
   * rebuilt.
   */
  private Map<String, Object> health() throws IOException {
    Map<String, Object> h = new LinkedHashMap<>();
    List<List<String>> r =
        clickHouse.query("SELECT toString(max(ingested_at)), count() FROM calls");
    h.put("clickhouse", "up");
    h.put("newest_call_ingested_at", r.get(0).get(0));
    h.put("call_rows", Long.parseLong(r.get(0).get(1)));
    h.put(
        "newest_minute",
        clickHouse.query("SELECT toString(max(minute)) FROM metrics_minute").get(0).get(0));
    h.put(
        "recording_rows",
        Long.parseLong(clickHouse.query("SELECT count() FROM recordings").get(0).get(0)));
    h.put("sms_rows", Long.parseLong(clickHouse.query("SELECT count() FROM sms").get(0).get(0)));
    h.put(
        "dead_letters_today",
        Long.parseLong(
            clickHouse
                .query("SELECT count() FROM dead_letters WHERE toDate(received_at) = today()")
                .get(0)
                .get(0)));
    h.put(
        "rollup_refreshed_at",
        clickHouse.query("SELECT toString(max(rolled_up_at)) FROM rollup_days").get(0).get(0));
    return h;
  }

  private void login(HttpExchange ex) throws IOException {
    JsonNode body;
    try (InputStream in = ex.getRequestBody()) {
      body = JSON.readTree(in.readNBytes(16 * 1024));
    } catch (IOException e) {
      throw new BadRequest("send {\"user\": …, \"password\": …} as JSON");
    }
    String name = body == null ? "" : body.path("user").asText("");
    String password = body == null ? "" : body.path("password").asText("");
    String address = ex.getRemoteAddress().getAddress().getHostAddress();
    if (!limiter.allowed(name, address)) {
      json(ex, 429, Map.of("error", "too many failed logins; try again in 15 minutes"));
      return;
    }
    Optional<User> user = users.check(name, password);
    if (user.isEmpty()) {
      limiter.failed(name, address);
      json(ex, 401, Map.of("error", "wrong user name or password"));
      return;
    }
    limiter.succeeded(name);
    String token = sessions.open(user.get());
    ex.getResponseHeaders().add("Set-Cookie", sessions.cookie(token, config.secureCookies()));
    json(ex, 200, me(user.get()));
  }

  private static String cookie(HttpExchange ex) {
    List<String> headers = ex.getRequestHeaders().get("Cookie");
    if (headers == null) {
      return null;
    }
    for (String header : headers) {
      for (String part : header.split(";")) {
        String p = part.trim();
        if (p.startsWith(Sessions.COOKIE + "=")) {
          return p.substring(Sessions.COOKIE.length() + 1);
        }
      }
    }
    return null;
  }

  private static Map<String, String> query(HttpExchange ex) {
    Map<String, String> q = new HashMap<>();
    String raw = ex.getRequestURI().getRawQuery();
    if (raw == null) {
      return q;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        q.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return q;
  }

  private static void securityHeaders(HttpExchange ex) {
    var h = ex.getResponseHeaders();
    h.add("Content-Security-Policy", "default-src 'self'; img-src 'self' data:");
    h.add("X-Content-Type-Options", "nosniff");
    h.add("X-Frame-Options", "DENY");
    h.add("Referrer-Policy", "no-referrer");
  }

  private void resource(HttpExchange ex, String name) throws IOException {
    try (InputStream in = DashboardServer.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        send(ex, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8));
        return;
      }
      String type =
          name.endsWith(".html")
              ? "text/html; charset=utf-8"
              : name.endsWith(".css")
                  ? "text/css; charset=utf-8"
                  : name.endsWith(".json")
                      ? "application/json; charset=utf-8"
                      : "text/javascript; charset=utf-8";
      send(ex, 200, type, in.readAllBytes());
    }
  }

  private static void json(HttpExchange ex, int status, Object body) throws IOException {
    ex.getResponseHeaders().add("Cache-Control", "no-store");
    send(ex, status, "application/json; charset=utf-8", JSON.writeValueAsBytes(body));
  }

  private static void send(HttpExchange ex, int status, String type, byte[] body)
      throws IOException {
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(status, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    refresher.shutdownNow();
    server.stop(0);
  }
}
