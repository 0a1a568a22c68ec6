package io.hotline.jobs.testing;

import io.hotline.schemas.testing.EventJson;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A corpus of malformed and adversarial CDR records for the bad-input campaign: broken encodings,
 * oversized and deeply nested records, wrong types, impossible timestamps, and injection strings
 * (SQL, spreadsheet formulas, markup) in every free-text field that reaches a table, a report cell
 * or the dashboard. Each case says whether the contract refuses it or lets it through; a case let
 * through must be stored verbatim and counted like any other call.
 */
public final class BadInput {

  /** A phone number that appears in refused records and must never appear in a dead letter. */
  public static final String PHONE = "13912345678";

  /** Strings that a spreadsheet, a SQL console or a browser could take for code. */
  public static final List<String> INJECTIONS =
      List.of(
          "=cmd|' /C calc'!A0",
          "+1+1",
          "-2+3",
          "@SUM(A1)",
          "=HYPERLINK(\"http://x\",\"y\")",
          "'); DROP TABLE calls; --",
          "1' OR '1'='1",
          "\\'; SELECT 1 --",
          "<script>alert(1)</script>",
          "<img src=x onerror=alert(1)>",
          "{{7*7}}${7*7}",
          "C:\\Windows\\system32\\",
          "\u202Eevil\u202C",
          "汉字 😀 🇨🇳");

  /** What the ingest is expected to do with a case. */
  public enum Expect {
    /** Refused: a dead letter with a reason. */
    REJECTED,
    /** Valid despite its looks: stored and counted, text verbatim. */
    STORED
  }

  /** One record of the corpus; {@code callId} is set for stored cases. */
  public record Case(String name, byte[] bytes, Expect expect, String callId) {
    public String text() {
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  private BadInput() {}

  /** The whole corpus, in a fixed order. */
  public static List<Case> corpus() {
    List<Case> out = new ArrayList<>();
    malformed(out);
    wrongTypes(out);
    impossibleTimes(out);
    injections(out);
    return out;
  }

  private static void malformed(List<Case> out) {
    String valid = call("bad-x").json();
    rejected(out, "truncated JSON", valid.substring(0, valid.length() / 2));
    rejected(out, "empty object", "{}");
    rejected(out, "JSON array", "[" + valid + "]");
    rejected(out, "JSON null", "null");
    rejected(out, "JSON string", "\"" + PHONE + "\"");
    rejected(out, "bare phone number", PHONE);
    rejected(out, "trailing garbage", valid + " {");
    rejected(out, "two objects", valid + valid);
    rejected(
        out,
        "duplicate key",
        valid.replace("\"line\":\"12333\"", "\"line\":\"12333\",\"line\":\"12370\""));
    rejected(out, "single quotes", valid.replace('"', '\''));
    rejected(out, "comment", "/* x */" + valid);
    out.add(
        new Case(
            "invalid UTF-8 in call_id",
            splice(call("bad-utf8").json(), "bad-utf8", new byte[] {'b', (byte) 0xC3, 0x28}),
            Expect.REJECTED,
            null));
    out.add(
        new Case(
            "overlong UTF-8 in queue",
            splice(call("bad-overlong").json(), "pension", new byte[] {(byte) 0xC0, (byte) 0xAF}),
            Expect.REJECTED,
            null));
    out.add(
        new Case(
            "UTF-8-encoded surrogate in queue",
            splice(
                call("bad-cesu").json(),
                "pension",
                new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}),
            Expect.REJECTED,
            null));
    out.add(
        new Case(
            "Latin-1 text",
            call("bad-latin1")
                .with("queue", "pensión")
                .json()
                .getBytes(StandardCharsets.ISO_8859_1),
            Expect.REJECTED,
            null));
    rejected(
        out, "lone surrogate escape in call_id", call("bad-\\ud800").json().replace("\\\\", "\\"));
    rejected(out, "NUL in call_id", call("bad-\u0000").json());
    rejected(out, "tab in queue", call("bad-tab").with("queue", "a\tb").json());
    rejected(out, "newline in agent_id", call("bad-nl").with("agent_id", "1\n2").json());
    rejected(out, "huge call_id", call("bad-" + "x".repeat(100_000)).json());
    rejected(out, "huge queue", call("bad-queue").with("queue", "q".repeat(60_000)).json());
    rejected(out, "huge ignored field", call("bad-extra").with("note", "n".repeat(70_000)).json());
    rejected(out, "deeply nested field", withField(call("bad-deep"), "x", nested(5_000)));
    rejected(out, "nested call_id", withField(call("bad-nested"), "call_id", nested(3)));
    rejected(out, "huge number", withField(call("bad-num"), "satisfaction", "9".repeat(400)));
  }

  private static void wrongTypes(List<Case> out) {
    rejected(out, "numeric call_id", withField(call("x"), "call_id", "12345"));
    rejected(out, "numeric line", withField(call("bad-line"), "line", "12333"));
    rejected(out, "numeric center", withField(call("bad-center"), "center", "320100"));
    rejected(out, "numeric caller", withField(call("bad-caller"), "caller", PHONE));
    rejected(
        out,
        "object caller",
        withField(call("bad-caller2"), "caller", "{\"n\":\"" + PHONE + "\"}"));
    rejected(out, "phone in center", call("bad-center2").with("center", PHONE).json());
    rejected(out, "phone in line", call("bad-line2").with("line", PHONE).json());
    rejected(out, "phone in topic", call("bad-topic").with("topic", PHONE).json());
    rejected(out, "phone in end_reason", call("bad-end").with("end_reason", PHONE).json());
    rejected(out, "phone as a timestamp", call("bad-time").with("ended_at", PHONE).json());
    rejected(out, "string satisfaction", call("bad-sat").with("satisfaction", "1").json());
    rejected(out, "fractional satisfaction", withField(call("bad-sat2"), "satisfaction", "1.5"));
    rejected(out, "NaN satisfaction", withField(call("bad-sat3"), "satisfaction", "NaN"));
    rejected(out, "boolean answered_at", withField(call("bad-bool"), "answered_at", "true"));
    rejected(out, "array queue", withField(call("bad-arr"), "queue", "[\"a\"]"));
    rejected(out, "formula as line", call("bad-fline").with("line", "=1+1").json());
    rejected(
        out, "formula as topic", call("bad-ftopic").with("topic", "=cmd|' /C calc'!A0").json());
  }

  private static void impossibleTimes(List<Case> out) {
    String[] times = {
      "9999-12-31T23:59:59+08:00",
      "2100-01-01T00:00:00Z",
      "1900-01-01T00:00:00+08:00",
      "1970-01-01T00:00:00Z",
      "0000-01-01T00:00:00Z",
      "+10000-01-01T00:00:00Z",
      "2025-02-30T09:00:00+08:00",
      "2025-03-14T25:00:00+08:00",
      "2025-03-14T09:00:00",
      "2025-03-14T09:00:00+19:00",
      "1741914000000",
    };
    for (int i = 0; i < times.length; i++) {
      rejected(
          out, "arrived_at " + times[i], call("bad-t" + i).with("arrived_at", times[i]).json());
    }
    rejected(
        out,
        "ended before arrival",
        call("bad-order").with("ended_at", "2025-03-14T08:00:00+08:00").json());
    rejected(
        out,
        "call over 24 h",
        call("bad-long").with("ended_at", "2025-03-16T09:00:00+08:00").json());
  }

  private static void injections(List<Case> out) {
    for (int i = 0; i < INJECTIONS.size(); i++) {
      String s = INJECTIONS.get(i);
      String queue = s.length() <= 64 ? s : s.substring(0, 64);
      String agent = s.length() <= 32 ? s : s.substring(0, 32);
      String id = "inj-" + i + "-" + (s.length() <= 50 ? s : s.substring(0, 50));
      out.add(
          new Case(
              "injection in every text field: " + s,
              call(id)
                  .with("queue", queue)
                  .with("agent_id", agent)
                  .with("recording_id", "r-" + agent)
                  .json()
                  .getBytes(StandardCharsets.UTF_8),
              Expect.STORED,
              id));
    }
  }

  /**
   * Recordings: injection strings in every free-text field (stored verbatim, {@code callId} holds
   * the recording id) and a few broken ones.
   */
  public static List<Case> recordings() {
    List<Case> out = new ArrayList<>();
    for (int i = 0; i < INJECTIONS.size(); i++) {
      String s = INJECTIONS.get(i);
      String id = "rec-inj-" + i + "-" + (s.length() <= 40 ? s : s.substring(0, 40));
      out.add(
          new Case(
              "recording with " + s,
              EventJson.recording()
                  .with("recording_id", id)
                  .with("call_id", "c-" + s)
                  .with("agent_id", s.length() <= 32 ? s : s.substring(0, 32))
                  .with("uri", "recordings/" + s + ".wav")
                  .with("codec", s.length() <= 64 ? s : s.substring(0, 64))
                  .json()
                  .getBytes(StandardCharsets.UTF_8),
              Expect.STORED,
              id));
    }
    rejected(out, "recording with a call's fields", call("bad-rec").json());
    rejected(out, "negative duration", EventJson.recording().with("duration_ms", -1).json());
    rejected(out, "huge uri", EventJson.recording().with("uri", "u".repeat(2_000)).json());
    rejected(out, "phone as sha256", EventJson.recording().with("sha256", PHONE).json());
    return out;
  }

  /** Short messages: all broken, each a dead letter of kind sms. */
  public static List<Case> messages() {
    List<Case> out = new ArrayList<>();
    rejected(out, "zero segments", EventJson.sms().with("segments", 0).json());
    rejected(out, "formula status", EventJson.sms().with("status", "=1+1").json());
    rejected(out, "phone as direction", EventJson.sms().with("direction", PHONE).json());
    rejected(out, "sent in 1900", EventJson.sms().with("sent_at", "1900-01-01T00:00:00Z").json());
    rejected(out, "not JSON", "sms " + PHONE);
    return out;
  }

  /** A valid answered call with the given id, on the corpus's own day so it is easy to find. */
  public static EventJson call(String callId) {
    return EventJson.answeredCall()
        .with("call_id", callId)
        .with("caller", PHONE)
        .with("arrived_at", "2025-03-20T10:00:00.000+08:00")
        .with("queued_at", "2025-03-20T10:00:05.000+08:00")
        .with("answered_at", "2025-03-20T10:00:12.000+08:00")
        .with("ended_at", "2025-03-20T10:03:00.000+08:00");
  }

  private static void rejected(List<Case> out, String name, String json) {
    out.add(new Case(name, json.getBytes(StandardCharsets.UTF_8), Expect.REJECTED, null));
  }

  /** The JSON with one field's value replaced by raw JSON text (a number, object, …). */
  private static String withField(EventJson call, String field, String rawJson) {
    String marker = "__raw_" + field + "__";
    return call.with(field, marker).json().replace("\"" + marker + "\"", rawJson);
  }

  private static String nested(int depth) {
    return "[".repeat(depth) + "]".repeat(depth);
  }

  /** The JSON's UTF-8 bytes with the first occurrence of {@code text} replaced by raw bytes. */
  private static byte[] splice(String json, String text, byte[] raw) {
    int at = json.indexOf(text);
    byte[] before = json.substring(0, at).getBytes(StandardCharsets.UTF_8);
    byte[] after = json.substring(at + text.length()).getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(before);
    b.writeBytes(raw);
    b.writeBytes(after);
    return b.toByteArray();
  }
}
