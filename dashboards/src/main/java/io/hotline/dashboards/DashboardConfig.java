package io.hotline.dashboards;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

/**
 * The dashboard server's settings, each with its key and default in one place:
 *
 * <ul>
 *   <li>{@code dashboard.port} (8080), {@code dashboard.bind} (127.0.0.1): where it listens;
 *   <li>{@code dashboard.users} ({@code var/dashboard-users.properties}): the users file;
 *   <li>{@code dashboard.session-hours} (8): how long a login lasts;
 *   <li>{@code dashboard.secure-cookies} (false): set the cookie's Secure flag — true whenever the
 *       server is reached over HTTPS (behind the organisation's proxy);
 *   <li>{@code dashboard.target.answer-rate} (0.95), {@code dashboard.target.sl15} (0.80): the
 *       targets the ranking tables highlight against.
 * </ul>
 */
public record DashboardConfig(
    int port,
    String bind,
    Path usersFile,
    Duration sessionTtl,
    boolean secureCookies,
    double answerRateTarget,
    double sl15Target) {

  public static DashboardConfig defaults() {
    return new DashboardConfig(
        8080,
        "127.0.0.1",
        Path.of("var/dashboard-users.properties"),
        Duration.ofHours(8),
        false,
        0.95,
        0.80);
  }

  public static DashboardConfig fromProperties(Properties p) {
    DashboardConfig d = defaults();
    return new DashboardConfig(
        Integer.parseInt(p.getProperty("dashboard.port", Integer.toString(d.port))),
        p.getProperty("dashboard.bind", d.bind),
        Path.of(p.getProperty("dashboard.users", d.usersFile.toString())),
        Duration.ofHours(
            Long.parseLong(
                p.getProperty("dashboard.session-hours", Long.toString(d.sessionTtl.toHours())))),
        Boolean.parseBoolean(p.getProperty("dashboard.secure-cookies", "false")),
        Double.parseDouble(p.getProperty("dashboard.target.answer-rate", "0.95")),
        Double.parseDouble(p.getProperty("dashboard.target.sl15", "0.80")));
  }

  public DashboardConfig withPort(int otherPort) {
    return new DashboardConfig(
        otherPort, bind, usersFile, sessionTtl, secureCookies, answerRateTarget, sl15Target);
  }

  public DashboardConfig withUsersFile(Path file) {
    return new DashboardConfig(
        port, bind, file, sessionTtl, secureCookies, answerRateTarget, sl15Target);
  }
}
