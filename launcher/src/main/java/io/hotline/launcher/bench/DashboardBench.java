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
  @Option(names = "--url", description = "Default: ${DEFAULT-VALUE}.")
  String url = "http://127.0.0.1:8080";

  @Option(names = "--user", required = true)
  String user;

  @Option(names = "--password", required = true)
  String password;

  @Option(names = "--year", description = "Default: ${DEFAULT-VALUE}.")
  int year = 2025;

  @Option(names = "--rounds", description = "Requests per kind (${DEFAULT-VALUE}).")
  int rounds = 30;

  private final HttpClient http = HttpClient.newHttpClient();

  /** Response times of one kind of request, in milliseconds. */
  record Quantiles(String kind, int n, double p50, double p95, double p99) {
    static Quantiles of(String kind, double[] ms) {
      double[] s = ms.clone();
      Arrays.sort(s);
      return new Quantiles(kind, s.length, q(s, 0.5), q(s, 0.95), q(s, 0.99));
    }

    String row() {
      return String.format(Locale.ROOT, "| %s | %d | %.0f | %.0f | %.0f |", kind, n, p50, p95, p99);
    }

    private static double q(double[] sorted, double p) {
      return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
    }
  }

  @Override
  public Integer call() throws Exception {
    System.out.printf("| request | n | p50 ms | p95 ms | p99 ms |%n|---|---|---|---|---|%n");
    for (Quantiles q : measure()) {
      System.out.println(q.row());
    }
    return 0;
  }

  /** Logs in, sends each kind of request {@link #rounds} times; the last entry is all of them. */
  List<Quantiles> measure() throws Exception {
    String cookie = login();
    List<Quantiles> result = new ArrayList<>();
    List<Double> all = new ArrayList<>();
    for (Map.Entry<String, String> k : kinds().entrySet()) {
      double[] ms = new double[rounds];
      for (int i = 0; i < rounds; i++) {
        ms[i] = timedGet(k.getKey(), k.getValue(), cookie);
        all.add(ms[i]);
      }
      result.add(Quantiles.of(k.getKey(), ms));
    }
    result.add(Quantiles.of("all", all.stream().mapToDouble(Double::doubleValue).toArray()));
    return result;
  }

  private String login() throws Exception {
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
    return login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
  }

  /** The kinds of request an analyst's day brings, over the benchmark's year. */
  private Map<String, String> kinds() {
    Map<String, String> kinds = new LinkedHashMap<>();
    kinds.put("nation, year, by province", overview("000000", "01-01", "12-31"));
    kinds.put("nation, month, by province", overview("000000", "03-01", "03-31"));
    kinds.put("province, year, by city", overview("320000", "01-01", "12-31"));
    kinds.put("city, day", overview("320100", "03-14", "03-14"));
    kinds.put("nation, year by month (series)", series("000000", "month", "01-01", "12-31"));
    kinds.put("province, month by day (series)", series("320000", "day", "03-01", "03-31"));
    kinds.put("province, day by hour (series)", series("320000", "hour", "03-14", "03-14"));
    kinds.put("nation, live minutes today", "/api/live?line=12333&region=000000");
    kinds.put("nation, month, topics and rising", topics("000000", "03-01", "03-31"));
    kinds.put("province, month, topics and rising", topics("320000", "03-01", "03-31"));
    kinds.put("city, week, topics and rising", topics("320100", "03-10", "03-16"));
    return kinds;
  }

  private String overview(String region, String from, String to) {
    return "/api/overview?line=12333&region=" + region + span(from, to);
  }

  private String series(String region, String by, String from, String to) {
    return "/api/series?line=12333&region=" + region + "&by=" + by + span(from, to);
  }

  private String topics(String region, String from, String to) {
    return "/api/topics?line=12333&region=" + region + span(from, to);
  }

  private String span(String from, String to) {
    return "&from=" + year + "-" + from + "&to=" + year + "-" + to;
  }

  private double timedGet(String kind, String path, String cookie) throws Exception {
    long t = System.nanoTime();
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(url + path)).header("Cookie", cookie).build(),
            HttpResponse.BodyHandlers.ofString());
    double ms = (System.nanoTime() - t) / 1e6;
    if (r.statusCode() != 200) {
      throw new UserError(kind + ": HTTP " + r.statusCode() + " " + r.body());
    }
    return ms;
  }
}
