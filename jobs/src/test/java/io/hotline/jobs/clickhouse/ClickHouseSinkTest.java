package io.hotline.jobs.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

/** Which failures of an insert the sink waits out, and which it reports at once. */
class ClickHouseSinkTest {
  @Test
  void malformedRowsAreNotRetried_outagesAre() {
    assertThat(
            ClickHouseSink.Writer.refusesTheRows(
                new IOException(
                    "ClickHouse at http://127.0.0.1:8123 answered HTTP 500: Code: 27,"
                        + " e.displayText() = DB::Exception: Cannot parse input: expected \\t")))
        .isTrue();
    assertThat(
            ClickHouseSink.Writer.refusesTheRows(
                new IOException(
                    "ClickHouse at http://127.0.0.1:8123 answered HTTP 500: Code: 41."
                        + " DB::Exception: Cannot parse datetime")))
        .isTrue();
    assertThat(ClickHouseSink.Writer.refusesTheRows(new ConnectException())).isFalse();
    assertThat(
            ClickHouseSink.Writer.refusesTheRows(
                new IOException("HTTP/1.1 header parser received no bytes")))
        .isFalse();
    assertThat(
            ClickHouseSink.Writer.refusesTheRows(
                new IOException(
                    "ClickHouse at http://127.0.0.1:8123 answered HTTP 500: Code: 60,"
                        + " e.displayText() = DB::Exception: Table x doesn't exist")))
        .isFalse();
  }
}
