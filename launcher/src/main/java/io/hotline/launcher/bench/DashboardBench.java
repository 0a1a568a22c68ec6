package io.hotline.launcher.bench;

import io.hotline.launcher.UserError;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hotline bench dashboard}: response times of a running dashboard's JSON endpoints, measured
 * from this (second) process over HTTP, as p50/p95/p99 per kind of request.
 */
@Command(
    name = "dashboard",
    mixinStandardHelpOptions = true,
    description = {
      "Measure a running dashboard's JSON API from a second process: nation, province and city"
          + " selections over a day, a month and a year, series and live, and print p50/p95/p99.",
      "Start the dashboard first (`hotline dashboard --database bench_year`)."
    })
public final class DashboardBench implements Callable<Integer> {
  @Option(names = "--url", defaultValue = "http://127.0.0.1:8080")
  String url;

  @Option(names = "--user", required = true)
  String user;

  @Option(names = "--password", required = true)
  String password;

  @Option(names = "--year", defaultValue = "2025")
  int year;

  @Option(names = "--rounds", defaultValue = "30", description = "Requests per kind.")
  int rounds;

  private final HttpClient http = HttpClient.newHttpClient();

  @Override
  public Integer call() throws Exception {
    HttpResponse<String> login =
        http.send(
            HttpRequest.newBuilder(URI.create(url + "/api/login"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"user\":\"" + user + "\",\"password\":\"" + password + "\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (login.statusCode() != 200) {
      throw new UserError("login failed: HTTP " + login.statusCode() + " " + login.body());
    }
    String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    String y = Integer.toString(year);
    Map<String, String> kinds = new LinkedHashMap<>();
    kinds.put(
        "nation, year, by province",
        "/api/overview?line=12333&region=000000&from=" + y + "-01-01&to=" + y + "-12-31");
    kinds.put(
        "nation, month, by province",
        "/api/overview?line=12333&region=000000&from=" + y + "-03-01&to=" + y + "-03-31");
    kinds.put(
        "province, year, by city",
        "/api/overview?line=12333&region=320000&from=" + y + "-01-01&to=" + y + "-12-31");
    kinds.put(
        "city, day",
        "/api/overview?line=12333&region=320100&from=" + y + "-03-14&to=" + y + "-03-14");
    kinds.put(
        "nation, year by month (series)",
        "/api/series?line=12333&region=000000&by=month&from=" + y + "-01-01&to=" + y + "-12-31");
    kinds.put(
        "province, month by day (series)",
        "/api/series?line=12333&region=320000&by=day&from=" + y + "-03-01&to=" + y + "-03-31");
    kinds.put(
        "province, day by hour (series)",
        "/api/series?line=12333&region=320000&by=hour&from=" + y + "-03-14&to=" + y + "-03-14");
    kinds.put("nation, live minutes today", "/api/live?line=12333&region=000000");
    kinds.put(
        "nation, month, topics and rising",
        "/api/topics?line=12333&region=000000&from=" + y + "-03-01&to=" + y + "-03-31");
    kinds.put(
        "province, month, topics and rising",
        "/api/topics?line=12333&region=320000&from=" + y + "-03-01&to=" + y + "-03-31");
    kinds.put(
        "city, week, topics and rising",
        "/api/topics?line=12333&region=320100&from=" + y + "-03-10&to=" + y + "-03-16");
    System.out.printf("| request | n | p50 ms | p95 ms | p99 ms |%n|---|---|---|---|---|%n");
    List<Double> all = new ArrayList<>();
    for (Map.Entry<String, String> k : kinds.entrySet()) {
      double[] ms = new double[rounds];
      for (int i = 0; i < rounds; i++) {
        long t = System.nanoTime();
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(URI.create(url + k.getValue()))
                    .header("Cookie", cookie)
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        ms[i] = (System.nanoTime() - t) / 1e6;
        if (r.statusCode() != 200) {
          throw new UserError(k.getKey() + ": HTTP " + r.statusCode() + " " + r.body());
        }
        all.add(ms[i]);
      }
      print(k.getKey(), ms);
    }
    print("all", all.stream().mapToDouble(Double::doubleValue).toArray());
    return 0;
  }

  private static void print(String kind, double[] ms) {
    double[] s = ms.clone();
    Arrays.sort(s);
    System.out.printf(
        Locale.ROOT,
        "| %s | %d | %.0f | %.0f | %.0f |%n",
        kind,
        s.length,
        q(s, 0.5),
        q(s, 0.95),
        q(s, 0.99));
  }

  private static double q(double[] sorted, double p) {
    return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
  }
}
