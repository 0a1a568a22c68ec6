package io.hotline.schemas.clickhouse;

import java.net.URI;
import java.net.URISyntaxException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import java.util.regex.Pattern;
import ru.yandex.clickhouse.ClickHouseDriver;

/**
 * How to reach ClickHouse: the one configuration type for it, read from properties whose keys,
 * types and defaults are listed in {@link Option}, and the way to open a JDBC connection.
 *
 * @param url the server's HTTP interface, {@code http://host:port} without path
 * @param database the database holding the product's tables
 * @param user the ClickHouse user
 * @param password the user's password, empty for none
 * @param socketTimeout how long one query may take before the driver gives up
 */
public record ClickHouseConfig(
    String url, String database, String user, String password, Duration socketTimeout)
    implements java.io.Serializable {

  /** The ClickHouse HTTP port when a URL names none. */
  public static final int DEFAULT_HTTP_PORT = 8123;

  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /** Every property this type reads: key, value type and default, in one place. */
  public enum Option {
    URL("clickhouse.url", String.class, "http://127.0.0.1:18123", "HTTP address of the server"),
    DATABASE("clickhouse.database", String.class, "hotline", "database with the product's tables"),
    USER("clickhouse.user", String.class, "default", "user name"),
    PASSWORD("clickhouse.password", String.class, "", "password, empty for none"),
    SOCKET_TIMEOUT_MS(
        "clickhouse.socket-timeout-ms", Long.class, "300000", "longest query, in milliseconds");

    private final String key;
    private final Class<?> type;
    private final String defaultValue;
    private final String description;

    Option(String key, Class<?> type, String defaultValue, String description) {
      this.key = key;
      this.type = type;
      this.defaultValue = defaultValue;
      this.description = description;
    }

    public String key() {
      return key;
    }

    public Class<?> type() {
      return type;
    }

    public String defaultValue() {
      return defaultValue;
    }

    public String description() {
      return description;
    }

    String read(Properties properties) {
      return properties.getProperty(key, defaultValue).trim();
    }
  }

  /** Validates every field, so a config that exists can be connected with. */
  public ClickHouseConfig {
    url = validUrl(url);
    database = validDatabase(database);
    if (user == null || user.isBlank()) {
      throw new IllegalArgumentException(
          Option.USER.key + " is empty: give a ClickHouse user name");
    }
    password = password == null ? "" : password;
    if (socketTimeout == null || socketTimeout.isNegative() || socketTimeout.isZero()) {
      throw new IllegalArgumentException(
          Option.SOCKET_TIMEOUT_MS.key
              + " must be a positive number of milliseconds, got: "
              + socketTimeout);
    }
  }

  /** The configuration with every option at its default: the local server of the stack. */
  public static ClickHouseConfig defaults() {
    return fromProperties(new Properties());
  }

  /** Reads the {@link Option} keys from {@code properties}; missing keys take their default. */
  public static ClickHouseConfig fromProperties(Properties properties) {
    return new ClickHouseConfig(
        Option.URL.read(properties),
        Option.DATABASE.read(properties),
        Option.USER.read(properties),
        properties.getProperty(Option.PASSWORD.key, Option.PASSWORD.defaultValue),
        Duration.ofMillis(positiveMillis(Option.SOCKET_TIMEOUT_MS.read(properties))));
  }

  /** The {@link Option} keys with this configuration's values, the inverse of fromProperties. */
  public Properties toProperties() {
    Properties p = new Properties();
    p.setProperty(Option.URL.key, url);
    p.setProperty(Option.DATABASE.key, database);
    p.setProperty(Option.USER.key, user);
    p.setProperty(Option.PASSWORD.key, password);
    p.setProperty(Option.SOCKET_TIMEOUT_MS.key, Long.toString(socketTimeout.toMillis()));
    return p;
  }

  /** The same server and credentials with another database, e.g. a throwaway one for a test. */
  public ClickHouseConfig withDatabase(String otherDatabase) {
    return new ClickHouseConfig(url, otherDatabase, user, password, socketTimeout);
  }

  /** The same database and credentials on another server. */
  public ClickHouseConfig withUrl(String otherUrl) {
    return new ClickHouseConfig(otherUrl, database, user, password, socketTimeout);
  }

  public String host() {
    return URI.create(url).getHost();
  }

  public int port() {
    return URI.create(url).getPort();
  }

  /** The URL for the legacy {@code ru.yandex.clickhouse.ClickHouseDriver}. */
  public String jdbcUrl() {
    return jdbcUrl(database);
  }

  /** Opens a connection whose current database is {@link #database()}. */
  public Connection connect() throws SQLException {
    return open(jdbcUrl());
  }

  /**
   * Opens a connection on the server's {@code default} database, for work that must happen before
   * {@link #database()} exists (creating it).
   */
  public Connection connectWithoutDatabase() throws SQLException {
    return open(jdbcUrl("default"));
  }

  private String jdbcUrl(String db) {
    // compress=false: the legacy driver talks to ClickHouse 18.16 only without compression.
    return "jdbc:clickhouse://" + host() + ":" + port() + "/" + db + "?compress=false";
  }

  private Connection open(String jdbcUrl) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", user);
    p.setProperty("password", password);
    p.setProperty("socket_timeout", Long.toString(socketTimeout.toMillis()));
    // The driver is called directly rather than through DriverManager, so connecting works the
    // same from a shaded jar or a Flink user-code class loader, where service loading may not.
    Connection c = new ClickHouseDriver().connect(jdbcUrl, p);
    if (c == null) {
      throw new SQLException("the ClickHouse driver did not accept the URL " + jdbcUrl);
    }
    return c;
  }

  @Override
  public String toString() {
    // The password stays out of logs and error messages.
    return "ClickHouseConfig[url="
        + url
        + ", database="
        + database
        + ", user="
        + user
        + ", socketTimeout="
        + socketTimeout
        + "]";
  }

  private static String validUrl(String url) {
    String key = Option.URL.key;
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException(
          key + " is empty: give the server's HTTP address, e.g. http://127.0.0.1:18123");
    }
    URI uri;
    try {
      uri = new URI(url.trim());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(key + " is not a URL: " + url, e);
    }
    if (!"http".equalsIgnoreCase(uri.getScheme())) {
      throw new IllegalArgumentException(
          key
              + " must start with http:// (the server's HTTP interface, e.g."
              + " http://127.0.0.1:18123), got: "
              + url);
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException(key + " has no host name: " + url);
    }
    boolean hasPath = uri.getRawPath() != null && !uri.getRawPath().isEmpty();
    if ((hasPath && !uri.getRawPath().equals("/"))
        || uri.getRawQuery() != null
        || uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException(
          key
              + " must be just http://host:port (the database and user have their own keys), got: "
              + url);
    }
    int port = uri.getPort() == -1 ? DEFAULT_HTTP_PORT : uri.getPort();
    return "http://" + uri.getHost() + ":" + port;
  }

  private static String validDatabase(String database) {
    // The name is spliced into DDL (CREATE DATABASE), so only plain identifiers are allowed.
    if (database == null || !IDENTIFIER.matcher(database).matches()) {
      throw new IllegalArgumentException(
          Option.DATABASE.key
              + " must be letters, digits and underscores, not starting with a digit, got: "
              + database);
    }
    return database;
  }

  private static long positiveMillis(String text) {
    try {
      long millis = Long.parseLong(text);
      if (millis > 0) {
        return millis;
      }
    } catch (NumberFormatException e) {
      // reported below with the same message as a non-positive value
    }
    throw new IllegalArgumentException(
        Option.SOCKET_TIMEOUT_MS.key + " must be a positive number of milliseconds, got: " + text);
  }
}
