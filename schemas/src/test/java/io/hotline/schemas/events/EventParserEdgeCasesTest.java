package io.hotline.schemas.events;

import static io.hotline.schemas.testing.EventJson.answeredCall;
import static io.hotline.schemas.testing.EventJson.ivrOnlyCall;
import static io.hotline.schemas.testing.EventJson.sms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hotline.schemas.testing.EventJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Edges of the parser's fast paths: escaped text, repeated and unknown names, field order, long
 * values, number and timestamp corners, and the per-thread state that lets one parser serve many
 * threads. Each result must be what the plain reading of the contract gives.
 */
class EventParserEdgeCasesTest {
  private static final EventParser PARSER = EventParser.standard();

  private static Cdr cdr(String json) {
    ParseResult<Cdr> r = PARSER.parseCdr(json);
    assertThat(r.isValid()).as("expected a valid call: %s", r).isTrue();
    return r.event();
  }

  private static String rejection(String json) {
    ParseResult<Cdr> r = PARSER.parseCdr(json);
    assertThat(r.isValid()).as("expected a rejection for %s", json).isFalse();
    return r.rejection().message();
  }

  /** The answered call's JSON text with one literal piece replaced, e.g. to add an escape. */
  private static String answeredCallWith(String literal, String replacement) {
    String json = answeredCall().json();
    assertThat(json).contains(literal);
    return json.replace(literal, replacement);
  }

  @Nested
  class EscapedText {
    @Test
    void escapedDigitInATimestamp() {
      Cdr cdr =
          cdr(
              answeredCallWith(
                  "\"2025-03-14T09:00:00.000+08:00\"", "\"\\u0032025-03-14T09:00:00.000+08:00\""));
      assertThat(cdr.arrivedAt()).isEqualTo(Instant.parse("2025-03-14T01:00:00Z"));
    }

    @Test
    void escapedCodes() {
      Cdr cdr =
          cdr(
              answeredCallWith("\"12333\"", "\"\\u00312333\"")
                  .replace("\"320100\"", "\"\\u0033\\u0032\\u0030\\u0031\\u0030\\u0030\"")
                  .replace("\"completed\"", "\"\\u0063ompleted\"")
                  .replace("\"1402\"", "\"14\\u00302\""));
      assertThat(cdr.line()).isEqualTo(Line.L12333);
      assertThat(cdr.center()).isEqualTo("320100");
      assertThat(cdr.endReason()).isEqualTo(EndReason.COMPLETED);
      assertThat(cdr.topic()).isEqualTo("1402");
    }

    @Test
    void escapedFieldName() {
      Cdr cdr = cdr(answeredCallWith("\"call_id\"", "\"call\\u005fid\""));
      assertThat(cdr.callId()).isEqualTo("c-0001");
    }

    @Test
    void escapedControlCharacterIsShownAsReceived() {
      assertThat(rejection(answeredCallWith("\"c-0001\"", "\"c-\\u00000001\"")))
          .isEqualTo("call_id = \"c-\u00000001\": must not contain control characters");
    }

    @Test
    void c1ControlCharactersAreControlCharacters() {
      assertThat(rejection(answeredCall().with("queue", "pen\u0085sion").json()))
          .endsWith("must not contain control characters");
      assertThat(rejection(answeredCall().with("agent_id", "105\u007f43").json()))
          .endsWith("must not contain control characters");
    }

    @Test
    void nonAsciiTextIsKept() {
      assertThat(cdr(answeredCall().with("queue", "养老保险").json()).queue()).isEqualTo("养老保险");
    }
  }

  @Nested
  class Names {
    @Test
    void knownFieldGivenTwiceEvenWithTheSameValue() {
      String json =
          answeredCallWith("\"queue\":\"pension\"", "\"queue\":\"pension\",\"queue\":\"pension\"");
      assertThat(rejection(json))
          .isEqualTo("(record) = (missing): is not valid JSON: Duplicate field 'queue'");
    }

    @Test
    void knownFieldGivenTwiceFarApart() {
      String json = answeredCall().json().replace("}", ",\"call_id\":\"c-0002\"}");
      assertThat(rejection(json)).endsWith("Duplicate field 'call_id'");
    }

    @Test
    void unknownFieldGivenTwice() {
      String json = answeredCall().with("vendor", "a").json().replace("}", ",\"vendor\":\"a\"}");
      assertThat(rejection(json)).endsWith("Duplicate field 'vendor'");
    }

    @Test
    void repeatedNameInsideAnUnknownObject() {
      String json = answeredCall().json().replace("}", ",\"vendor\":{\"a\":1,\"a\":2}}");
      assertThat(rejection(json)).endsWith("Duplicate field 'a'");
    }

    @Test
    void repeatedNameAfterManyUnknownFields() {
      StringBuilder extra = new StringBuilder();
      for (int i = 0; i < 40; i++) {
        extra.append(",\"x").append(i).append("\":").append(i);
      }
      String many = answeredCall().json().replace("}", extra + "}");
      assertThat(PARSER.parseCdr(many).isValid()).isTrue();
      assertThat(rejection(many.replace("}", ",\"x3\":0}"))).endsWith("Duplicate field 'x3'");
    }

    @Test
    void repeatedNameBeforeABrokenValueReportsTheRepeat() {
      String json = answeredCall().json().replace("}", ",\"line\":tru}");
      assertThat(rejection(json)).endsWith("Duplicate field 'line'");
    }

    @Test
    void anyFieldOrderGivesTheSameCall() {
      List<String> pairs =
          new ArrayList<>(
              List.of(answeredCall().json().replaceAll("^\\{|}$", "").split(",(?=\")")));
      java.util.Collections.reverse(pairs);
      Cdr reversed = cdr("{" + String.join(",", pairs) + "}");
      assertThat(reversed).isEqualTo(cdr(answeredCall().json()));
    }

    @Test
    void firstProblemInContractOrderWhateverTheTextOrder() {
      // call_id is written last but comes first in the contract, before the broken line.
      String json =
          answeredCall()
              .without("call_id")
              .with("line", "12345")
              .json()
              .replace("}", ",\"call_id\":\"\"}");
      assertThat(rejection(json)).isEqualTo("call_id = \"\": must not be empty");
    }
  }

  @Nested
  class LongValues {
    @Test
    void longIdIsShortenedInTheRejection() {
      assertThat(rejection(answeredCall().with("call_id", "c".repeat(1000)).json()))
          .isEqualTo(
              "call_id = \"" + "c".repeat(80) + "…(1000 chars)\": must be at most 64 characters");
    }

    @Test
    void longUnknownValueIsSkipped() {
      assertThat(PARSER.parseCdr(answeredCall().with("notes", "n".repeat(60_000)).json()).isValid())
          .isTrue();
    }

    @Test
    void longKnownValueThenAShortRecordOnTheSameThread() {
      assertThat(rejection(answeredCall().with("queue", "q".repeat(60_000)).json()))
          .endsWith("must be at most 64 characters");
      assertThat(cdr(answeredCall().json()).queue()).isEqualTo("pension");
    }

    @Test
    void longCallerIsMasked() {
      assertThat(rejection(answeredCall().with("caller", "1".repeat(65)).json()))
          .isEqualTo(
              "caller = \"(65 characters, masked)\": must be at most 64 printable characters");
    }

    @Test
    void blankCallerOfOtherWhiteSpace() {
      assertThat(rejection(answeredCall().with("caller", "\t\u2003").json()))
          .isEqualTo("caller = \"(2 characters, masked)\": must not be empty");
    }
  }

  @Nested
  class Numbers {
    @ParameterizedTest
    @CsvSource(
        delimiter = '|',
        value = {
          "-0 | satisfaction = \"-0\": must be between 1 and 3",
          "9223372036854775807 | satisfaction = \"9223372036854775807\": must be between 1 and 3",
          "9223372036854775808 | satisfaction = \"9223372036854775808\": is out of range",
          "1e0 | satisfaction = \"1e0\": must be a whole number, got a number",
          "true | satisfaction = \"true\": must be a whole number, got a boolean"
        })
    void satisfactionCorners(String raw, String message) {
      assertThat(rejection(answeredCallWith("\"satisfaction\":1", "\"satisfaction\":" + raw)))
          .isEqualTo(message);
    }

    @Test
    void satisfactionKept() {
      assertThat(cdr(answeredCall().with("satisfaction", 3).json()).satisfaction()).isEqualTo(3);
      assertThat(cdr(answeredCall().with("satisfaction", null).json()).satisfaction()).isNull();
    }
  }

  @Nested
  class TimestampCorners {
    @ParameterizedTest
    @CsvSource({
      "2025-03-14T09:00:00.1+08:00, 2025-03-14T01:00:00.100Z",
      "2025-03-14T09:00:00.12+08:00, 2025-03-14T01:00:00.120Z",
      "2025-03-14T09:00:00.123456789+08:00, 2025-03-14T01:00:00.123Z",
      "2024-02-29T12:00:00Z, 2024-02-29T12:00:00Z",
      "2000-02-29T12:00:00Z, 2000-02-29T12:00:00Z",
      "1999-12-31T23:30:00-01:00, 2000-01-01T00:30:00Z",
      "2099-12-31T23:59:59.999Z, 2099-12-31T23:59:59.999Z",
      "2025-12-31T23:59:59-18:00, 2026-01-01T17:59:59Z"
    })
    void accepted(String text, String instant) throws Timestamps.InvalidTimestamp {
      assertThat(Timestamps.parse(text)).isEqualTo(Instant.parse(instant));
    }

    @ParameterizedTest
    @CsvSource(
        delimiter = '|',
        value = {
          "2025-03-14T09:00:00.1234567890Z | has a malformed fraction of a second",
          "2025-02-29T12:00:00Z | is not a real calendar date",
          "2100-02-29T12:00:00Z | is not a real calendar date",
          "1900-02-29T12:00:00Z | is not a real calendar date",
          "2025-04-31T12:00:00Z | is not a real calendar date",
          "2025-13-01T12:00:00Z | is not a real calendar date",
          "2025-00-01T12:00:00Z | is not a real calendar date",
          "2100-01-01T00:00:00Z | is outside the accepted years 2000–2099",
          "2099-12-31T23:30:00-01:00 | is outside the accepted years 2000–2099",
          "2025-03-14T09:00:00+19:00 | has a malformed UTC offset (expected Z or ±HH:MM)",
          "2025-03-14T09:00:00z | has a malformed UTC offset (expected Z or ±HH:MM)",
          "2025-03-14T09:0a:00Z | is not an ISO-8601 timestamp with offset (like"
              + " 2025-03-14T09:01:02.123+08:00)"
        })
    void refused(String text, String rule) {
      assertThatThrownBy(() -> Timestamps.parse(text))
          .isInstanceOf(Timestamps.InvalidTimestamp.class)
          .hasMessage(rule);
    }

    @Test
    void brokenTimestampIsShownInTheRejection() {
      assertThat(rejection(answeredCall().with("answered_at", "2025-02-29T09:00:20+08:00").json()))
          .isEqualTo("answered_at = \"2025-02-29T09:00:20+08:00\": is not a real calendar date");
    }
  }

  @Nested
  class ReferenceCodes {
    @Test
    void nationCodeIsNotACentre() {
      assertThat(rejection(answeredCall().with("center", "000000").json()))
          .isEqualTo(
              "center = \"000000\": is not a known centre code"
                  + " (GB/T 2260 prefecture-level city or province)");
    }

    @Test
    void twoAndFourDigitTopicsAreDifferentCodes() {
      assertThat(cdr(answeredCall().with("topic", "01").json()).topic()).isEqualTo("01");
      assertThat(rejection(answeredCall().with("topic", "0001").json()))
          .isEqualTo("topic = \"0001\": is not in the topic code table");
    }
  }

  @Nested
  class PerThreadState {
    @Test
    void kindsFollowingEachOtherOnOneThread() {
      assertThat(cdr(answeredCall().json()).queue()).isEqualTo("pension");
      assertThat(PARSER.parseSms(sms().without("sent_at").json()).rejection().message())
          .isEqualTo("sent_at = (missing): is required");
      Cdr ivr = cdr(ivrOnlyCall().json());
      assertThat(ivr.queue()).isEqualTo("pension");
      assertThat(ivr.agentId()).isNull();
      assertThat(ivr.answeredAt()).isNull();
    }

    @Test
    void manyThreadsGetWhatOneThreadGets() throws Exception {
      List<String> inputs = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        EventJson call = i % 2 == 0 ? answeredCall() : ivrOnlyCall();
        inputs.add(call.with("call_id", "c-" + i).with("satisfaction", i % 5).json());
        inputs.add(call.with("topic", i % 3 == 0 ? "9999" : "1402").json());
      }
      List<String> expected = inputs.stream().map(j -> PARSER.parseCdr(j).toString()).toList();
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<List<String>>> runs = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
          runs.add(
              pool.submit(() -> inputs.stream().map(j -> PARSER.parseCdr(j).toString()).toList()));
        }
        for (Future<List<String>> run : runs) {
          assertThat(run.get()).isEqualTo(expected);
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }
}
