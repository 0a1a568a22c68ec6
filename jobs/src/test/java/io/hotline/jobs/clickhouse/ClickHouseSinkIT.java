package io.hotline.jobs.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.schemas.clickhouse.ClickHouseConfig;
import io.hotline.schemas.clickhouse.ClickHouseHttp;
import io.hotline.schemas.clickhouse.TsvRow;
import io.hotline.schemas.testing.ClickHouseExtension;
import java.time.Duration;
import java.util.List;
import org.apache.flink.streaming.runtime.tasks.TestProcessingTimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * When the sink's rows reach ClickHouse: a batch waits at most the configured delay (on the task's
 * processing-time clock, driven by hand here), and a checkpoint's flush writes it at once.
 */
@ExtendWith(ClickHouseExtension.class)
class ClickHouseSinkIT {
  private ClickHouseHttp http;
  private final TestProcessingTimeService time = new TestProcessingTimeService();

  /** Rows of one text column in a table of its own. */
  private static final class Probe implements TableRows<String> {
    private static final long serialVersionUID = 1L;

    @Override
    public String table() {
      return "sink_probe";
    }

    @Override
    public List<String> columns() {
      return List.of("x");
    }

    @Override
    public void write(String value, TsvRow row) {
      row.text(value);
    }
  }

  @BeforeEach
  void table(ClickHouseConfig config) throws Exception {
    http = new ClickHouseHttp(config);
    http.execute("DROP TABLE IF EXISTS sink_probe");
    http.execute("CREATE TABLE sink_probe (x String) ENGINE = MergeTree ORDER BY x");
    time.setCurrentTime(1_000_000);
  }

  @Test
  void aBatchWaitsAtMostTheMaxDelay() throws Exception {
    ClickHouseSink.Writer<String> writer = writer(Duration.ofMillis(1000));
    writer.write("a", null);
    time.advance(400);
    writer.write("b", null);
    time.advance(599);
    assertThat(rows()).isZero();
    time.advance(1);
    assertThat(rows()).isEqualTo(2); // the first row's second is up: both go

    writer.write("c", null);
    assertThat(time.getNumActiveTimers()).isEqualTo(1);
    writer.flush(false); // a checkpoint writes at once; the timer then finds nothing
    assertThat(rows()).isEqualTo(3);
    time.advance(1000);
    assertThat(rows()).isEqualTo(3);
    assertThat(time.getNumActiveTimers()).isZero();
  }

  @Test
  void withoutAMaxDelayRowsWaitForTheCheckpoint() throws Exception {
    ClickHouseSink.Writer<String> writer = writer(Duration.ZERO);
    writer.write("a", null);
    time.advance(60_000);
    assertThat(time.getNumActiveTimers()).isZero();
    assertThat(rows()).isZero();
    writer.flush(false);
    assertThat(rows()).isEqualTo(1);
  }

  private ClickHouseSink.Writer<String> writer(Duration maxDelay) {
    return new ClickHouseSink.Writer<>(
        http, new Probe(), 1000, Duration.ofSeconds(5), maxDelay, time);
  }

  private long rows() throws Exception {
    return Long.parseLong(http.query("SELECT count() FROM sink_probe").get(0).get(0));
  }
}
