package io.hotline.dashboards.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * A real headless Chromium driven through chromedriver's W3C WebDriver HTTP protocol, with just the
 * commands the dashboard tests need (open, type, click, read, run a script, screenshot). Debian
 * packages: {@code chromium} and {@code chromium-driver} (installed by {@code .ci/install-deps}).
 */
public final class Browser implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

  private final Process driver;
  private final String base;
  private final String session;
  private final HttpClient http = HttpClient.newHttpClient();

  public Browser() throws Exception {
    Path chromedriver = Path.of("/usr/bin/chromedriver");
    if (!Files.isExecutable(chromedriver)) {
      throw new IllegalStateException(
          "chromedriver is missing: apt-get install -y chromium chromium-driver (see .ci/install-deps)");
    }
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    driver =
        new ProcessBuilder(chromedriver.toString(), "--port=" + port)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    base = "http://127.0.0.1:" + port;
    waitFor(() -> ready(), Duration.ofSeconds(20), "chromedriver did not start");
    JsonNode s =
        post(
            "/session",
            Map.of(
                "capabilities",
                Map.of(
                    "alwaysMatch",
                    Map.of(
                        "browserName",
                        "chrome",
                        "goog:chromeOptions",
                        Map.of(
                            "binary",
                            "/usr/bin/chromium",
                            "args",
                            List.of(
                                "--headless=new",
                                "--no-sandbox",
                                "--disable-gpu",
                                "--disable-dev-shm-usage",
                                "--window-size=1400,1000",
                                "--lang=zh-CN"))))));
    session = s.path("value").path("sessionId").asText();
  }

  private boolean ready() {
    try {
      return http.send(
                  HttpRequest.newBuilder(URI.create(base + "/status")).build(),
                  HttpResponse.BodyHandlers.ofString())
              .statusCode()
          == 200;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  private JsonNode post(String path, Object body) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    JsonNode json = JSON.readTree(r.body());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(
          "WebDriver " + path + ": " + json.path("value").path("message").asText());
    }
    return json;
  }

  private JsonNode get(String path) throws Exception {
    return JSON.readTree(
        http.send(
                HttpRequest.newBuilder(URI.create(base + path)).build(),
                HttpResponse.BodyHandlers.ofString())
            .body());
  }

  private String s(String path) {
    return "/session/" + session + path;
  }

  public void open(String url) throws Exception {
    post(s("/url"), Map.of("url", url));
  }

  /** The first element matching a CSS selector, waiting up to 10 s for it to appear. */
  public String find(String css) throws Exception {
    long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      try {
        return post(s("/element"), Map.of("using", "css selector", "value", css))
            .path("value")
            .path(ELEMENT)
            .asText();
      } catch (IllegalStateException e) {
        if (System.nanoTime() > end) {
          throw new AssertionError("no element " + css + " on the page", e);
        }
        Thread.sleep(100);
      }
    }
  }

  public void type(String css, String text) throws Exception {
    post(s("/element/" + find(css) + "/value"), Map.of("text", text));
  }

  public void click(String css) throws Exception {
    post(s("/element/" + find(css) + "/click"), Map.of());
  }

  public String text(String css) throws Exception {
    return get(s("/element/" + find(css) + "/text")).path("value").asText();
  }

  /** Runs JavaScript in the page and returns its result as JSON. */
  public JsonNode script(String js) throws Exception {
    return post(s("/execute/sync"), Map.of("script", js, "args", List.of())).path("value");
  }

  public void select(String css, String value) throws Exception {
    script(
        "const e = document.querySelector('"
            + css
            + "'); e.value = '"
            + value
            + "';"
            + " e.dispatchEvent(new Event('change'));");
  }

  /** Waits until a condition on the page holds, failing with a message after the timeout. */
  public void waitUntil(BooleanSupplier condition, Duration timeout, String what) throws Exception {
    waitFor(condition, timeout, what);
  }

  public void screenshot(Path file) throws Exception {
    Files.createDirectories(file.getParent());
    Files.write(file, Base64.getDecoder().decode(get(s("/screenshot")).path("value").asText()));
  }

  private static void waitFor(BooleanSupplier condition, Duration timeout, String what)
      throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError(what);
      }
      Thread.sleep(100);
    }
  }

  @Override
  public void close() throws Exception {
    try {
      http.send(
          HttpRequest.newBuilder(URI.create(base + "/session/" + session)).DELETE().build(),
          HttpResponse.BodyHandlers.ofString());
    } finally {
      driver.destroy();
    }
  }
}
