package io.hotline.schemas.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The scanner's results are Jackson's: every record is parsed once as is (the scanner reads it when
 * it can) and once with an unknown field added at the end, which makes the scanner give up and the
 * Jackson passes read it (unknown fields are ignored); both must give the same event or rejection.
 */
class FlatScannerTest {
  private static final String CALL =
      "{\"call_id\":\"c-1\",\"line\":\"12333\",\"center\":\"320100\",\"caller\":\"13800000000\","
          + "\"arrived_at\":\"2025-03-14T09:00:00.000+08:00\","
          + "\"queued_at\":\"2025-03-14T09:00:05.120+08:00\","
          + "\"answered_at\":\"2025-03-14T09:00:15.000+08:00\","
          + "\"ended_at\":\"2025-03-14T09:05:00.000+08:00\",\"end_reason\":\"completed\","
          + "\"queue\":\"q\",\"agent_id\":\"a1\",\"topic\":\"0307\",\"satisfaction\":1,"
          + "\"recording_id\":\"r-1\"}";

  private static final String[] VALUES = {
    "\"\"",
    "\" \"",
    "\"x\"",
    "\"12333\"",
    "\"320100\"",
    "\"2025-03-14T09:00:10+08:00\"",
    "\"2025-03-14T09:00:10Z\"",
    "\"a\\\"b\"",
    "\"\\u0041\"",
    "\"中文\"",
    "\"tab\there\"",
    "0",
    "-0",
    "1",
    "2",
    "3",
    "4",
    "-1",
    "01",
    "1.0",
    "1e2",
    "123456789012345678",
    "1234567890123456789",
    "true",
    "false",
    "null",
    "nul",
    "truex",
    "{}",
    "[]",
    "[1]",
    "{\"a\":1}",
    "\"\u007f\""
  };

  private static final String[] FIELDS = {
    "call_id",
    "line",
    "center",
    "caller",
    "arrived_at",
    "queued_at",
    "answered_at",
    "ended_at",
    "end_reason",
    "queue",
    "agent_id",
    "topic",
    "satisfaction",
    "recording_id"
  };

  @Test
  void agreesWithJacksonOnEveryValueOfEveryField() {
    List<String> records = new ArrayList<>();
    records.add(CALL);
    for (String field : FIELDS) {
      for (String value : VALUES) {
        records.add(withField(CALL, field, value));
      }
      records.add(CALL.replace("\"" + field + "\":", "\"" + field + "\" : "));
      records.add(CALL.replaceFirst("\"" + field + "\":[^,}]*,?", "")); // missing
    }
    records.add(CALL.replace(",", ",\n\t\r "));
    records.add("  " + CALL + " \n");
    records.add(CALL + "x");
    records.add(CALL + "{}");
    records.add(CALL.replace("\"call_id\"", "\"call_id\":\"dup\",\"call_id\""));
    records.add(CALL.replace("{\"call_id\":\"c-1\",", "{").replace("}", ",\"call_id\":\"c-1\"}"));
    records.add(CALL.replace("}", ",}"));
    records.add(CALL.replace(":", "::"));
    records.add("{}");
    records.add("[]");
    records.add("\uFEFF" + CALL);
    // Out of the contract's order: a name other than the expected one, or a prefix of it.
    records.add(
        CALL.replace("\"queue\":\"q\",", "")
            .replace("\"queued_at\"", "\"queue\":\"q\",\"queued_at\""));
    records.add(CALL.replace("\"queue\":\"q\",", "\"queue_x\":\"q\","));
    records.add(CALL.replace("\"queue\":\"q\",", "\"queu\":\"q\","));
    int scanned = 0;
    for (String json : records) {
      // A record the scanner gives up on takes the Jackson passes alone, as before it existed.
      if (scans(json)) {
        scanned++;
        assertThat(describe(json)).as(json).isEqualTo(describe(viaJackson(json)));
      }
    }
    assertThat(scanned).isGreaterThan(records.size() / 2);
  }

  @Test
  void leavesEverythingUnusualToJackson() {
    assertThat(scans(CALL)).isTrue();
    assertThat(scans(withField(CALL, "queue", "\"中文\""))).isFalse();
    assertThat(scans(withField(CALL, "queue", "\"a\\\"b\""))).isFalse();
    assertThat(scans(withField(CALL, "satisfaction", "1.0"))).isFalse();
    assertThat(scans(withField(CALL, "satisfaction", "01"))).isFalse();
    assertThat(scans(withField(CALL, "queue", "{}"))).isFalse();
    assertThat(scans(viaJackson(CALL))).isFalse();
    assertThat(scans(CALL + "x")).isFalse();
    assertThat(scans("{}")).isFalse();
  }

  /**
   * Strings are scanned eight bytes at a time: a quote, escape, control, DEL or non-ASCII byte is
   * found wherever it falls in or across the words, and plain strings of every length end where
   * Jackson ends them.
   */
  @Test
  void findsEveryUnusualByteWhereverItFalls() {
    String[] unusual = {"\\\"", "\\\\", "\t", "\u0001", "\u007f", "é", "中"};
    for (int length = 0; length <= 26; length++) {
      String plain = "abcdefghijklmnopqrstuvwxyz".substring(0, length);
      for (String field : new String[] {"call_id", "queue"}) {
        String record = withField(CALL, field, "\"" + plain + "\"");
        assertThat(scans(record)).as(record).isTrue();
        assertThat(describe(record)).as(record).isEqualTo(describe(viaJackson(record)));
        for (int at = 0; at < length; at++) {
          for (String u : unusual) {
            String value = plain.substring(0, at) + u + plain.substring(at + 1);
            String bad = withField(CALL, field, "\"" + value + "\"");
            assertThat(scans(bad)).as(bad).isFalse();
          }
        }
      }
    }
  }

  /**
   * Input the parser refuses although Jackson reads it (malformed UTF-8, unpaired surrogates) is
   * never scanned: its bytes are not plain ASCII, or it has an escape.
   */
  @Test
  void neverKeepsWhatTheUtf8OrSurrogateChecksRefuse() {
    for (String escape : new String[] {"\\ud800", "\\udc00", "a\\ud800b", "\\u0041"}) {
      assertThat(scans(withField(CALL, "queue", "\"" + escape + "\""))).as(escape).isFalse();
      assertThat(scans(withField(CALL, "call_id", "\"" + escape + "\""))).as(escape).isFalse();
    }
    for (int bad : new int[] {0xC0, 0xAF, 0xED, 0xF8, 0x80, 0xFF}) {
      byte[] b = withField(CALL, "queue", "\"qq\"").getBytes(StandardCharsets.UTF_8);
      int at = new String(b, StandardCharsets.UTF_8).indexOf("qq");
      b[at] = (byte) bad;
      FieldReader r = FieldReader.forThread(FieldSet.CDR);
      try {
        assertThat(FlatScanner.scan(b, 0, b.length, r)).as(Integer.toHexString(bad)).isFalse();
      } finally {
        r.finish();
      }
    }
  }

  private static boolean scans(String json) {
    byte[] b = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    FieldReader r = FieldReader.forThread(FieldSet.CDR);
    try {
      return FlatScanner.scan(b, 0, b.length, r);
    } finally {
      r.finish();
    }
  }

  private static String withField(String json, String field, String value) {
    return json.replaceFirst(
        "\"" + field + "\":(\"[^\"]*\"|[^,}]*)",
        java.util.regex.Matcher.quoteReplacement("\"" + field + "\":" + value));
  }

  /** The same record with an unknown name before its end, which the scanner leaves to Jackson. */
  private static String viaJackson(String json) {
    int end = json.lastIndexOf('}');
    if (end < 0) {
      return json;
    }
    return json.substring(0, end) + ",\"zz_unknown\":0" + json.substring(end);
  }

  private static String describe(String json) {
    ParseResult<Cdr> r = EventParser.standard().parseCdr(json);
    return r.isValid() ? "valid " + r.event() : "rejected " + r.rejection();
  }
}
