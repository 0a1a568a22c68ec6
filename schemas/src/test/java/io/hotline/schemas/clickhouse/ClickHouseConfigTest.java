package io.hotline.schemas.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ClickHouseConfigTest {

  private static Properties props(String... keyValues) {
    Properties p = new Properties();
    for (int i = 0; i < keyValues.length; i += 2) {
      p.setProperty(keyValues[i], keyValues[i + 1]);
    }
    return p;
  }

  @Test
  void defaultsPointAtTheLocalServer() {
    ClickHouseConfig c = ClickHouseConfig.defaults();

    assertThat(c.url()).isEqualTo("http://127.0.0.1:18123");
    assertThat(c.database()).isEqualTo("hotline");
    assertThat(c.user()).isEqualTo("default");
    assertThat(c.password()).isEmpty();
    assertThat(c.socketTimeout()).isEqualTo(Duration.ofMinutes(5));
    assertThat(c.jdbcUrl()).isEqualTo("jdbc:clickhouse://127.0.0.1:18123/hotline?compress=false");
  }

  @Test
  void readsEveryKey() {
    ClickHouseConfig c =
        ClickHouseConfig.fromProperties(
            props(
                "clickhouse.url", "http://ch.example:8124/",
                "clickhouse.database", "hotline_test",
                "clickhouse.user", "writer",
                "clickhouse.password", "s3cret",
                "clickhouse.socket-timeout-ms", "1500"));

    assertThat(c.url()).isEqualTo("http://ch.example:8124");
    assertThat(c.host()).isEqualTo("ch.example");
    assertThat(c.port()).isEqualTo(8124);
    assertThat(c.database()).isEqualTo("hotline_test");
    assertThat(c.user()).isEqualTo("writer");
    assertThat(c.password()).isEqualTo("s3cret");
    assertThat(c.socketTimeout()).isEqualTo(Duration.ofMillis(1500));
    assertThat(c.jdbcUrl())
        .isEqualTo("jdbc:clickhouse://ch.example:8124/hotline_test?compress=false");
  }

  @Test
  void toPropertiesRoundTrips() {
    ClickHouseConfig c =
        ClickHouseConfig.fromProperties(
            props("clickhouse.password", "pw", "clickhouse.url", "http://h:1"));

    assertThat(ClickHouseConfig.fromProperties(c.toProperties())).isEqualTo(c);
  }

  @Test
  void everyOptionIsListedWithKeyTypeAndDefault() {
    assertThat(ClickHouseConfig.Option.values())
        .extracting(ClickHouseConfig.Option::key)
        .containsExactly(
            "clickhouse.url",
            "clickhouse.database",
            "clickhouse.user",
            "clickhouse.password",
            "clickhouse.socket-timeout-ms");
    assertThat(ClickHouseConfig.Option.SOCKET_TIMEOUT_MS.type()).isEqualTo(Long.class);
    assertThat(ClickHouseConfig.defaults().toProperties().stringPropertyNames())
        .hasSize(ClickHouseConfig.Option.values().length);
  }

  @Test
  void urlWithoutPortUsesTheClickHouseHttpPort() {
    assertThat(ClickHouseConfig.defaults().withUrl("http://ch.example").url())
        .isEqualTo("http://ch.example:8123");
  }

  @Test
  void refusesAnEmptyUrl() {
    assertThatThrownBy(() -> ClickHouseConfig.fromProperties(props("clickhouse.url", " ")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "clickhouse.url is empty: give the server's HTTP address, e.g. http://127.0.0.1:18123");
  }

  @Test
  void refusesAJdbcUrlWhereAnHttpUrlBelongs() {
    assertThatThrownBy(
            () ->
                ClickHouseConfig.fromProperties(
                    props("clickhouse.url", "jdbc:clickhouse://127.0.0.1:8123")))
        .hasMessage(
            "clickhouse.url must start with http:// (the server's HTTP interface, e.g."
                + " http://127.0.0.1:18123), got: jdbc:clickhouse://127.0.0.1:8123");
  }

  @Test
  void refusesADatabaseInTheUrl() {
    assertThatThrownBy(
            () -> ClickHouseConfig.fromProperties(props("clickhouse.url", "http://h:8123/hotline")))
        .hasMessage(
            "clickhouse.url must be just http://host:port (the database and user have their own"
                + " keys), got: http://h:8123/hotline");
  }

  @Test
  void refusesADatabaseNameThatIsNotAnIdentifier() {
    assertThatThrownBy(
            () -> ClickHouseConfig.fromProperties(props("clickhouse.database", "hot-line")))
        .hasMessage(
            "clickhouse.database must be letters, digits and underscores, not starting with a"
                + " digit, got: hot-line");
  }

  @Test
  void refusesAnEmptyUser() {
    assertThatThrownBy(() -> ClickHouseConfig.fromProperties(props("clickhouse.user", "")))
        .hasMessage("clickhouse.user is empty: give a ClickHouse user name");
  }

  @Test
  void refusesANonPositiveOrNonNumericTimeout() {
    assertThatThrownBy(
            () -> ClickHouseConfig.fromProperties(props("clickhouse.socket-timeout-ms", "0")))
        .hasMessage(
            "clickhouse.socket-timeout-ms must be a positive number of milliseconds, got: 0");
    assertThatThrownBy(
            () -> ClickHouseConfig.fromProperties(props("clickhouse.socket-timeout-ms", "5s")))
        .hasMessage(
            "clickhouse.socket-timeout-ms must be a positive number of milliseconds, got: 5s");
  }

  @Test
  void keepsThePasswordOutOfToString() {
    ClickHouseConfig c = ClickHouseConfig.fromProperties(props("clickhouse.password", "s3cret"));

    assertThat(c.toString()).doesNotContain("s3cret").contains("http://127.0.0.1:18123");
  }

  @Test
  void withDatabaseKeepsServerAndCredentials() {
    ClickHouseConfig c = ClickHouseConfig.defaults().withDatabase("it_abc");

    assertThat(c.database()).isEqualTo("it_abc");
    assertThat(c.url()).isEqualTo(ClickHouseConfig.defaults().url());
  }
}
