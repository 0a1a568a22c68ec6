package io.hotline.schemas.events;

import static io.hotline.schemas.testing.EventJson.abandonedCall;
import static io.hotline.schemas.testing.EventJson.answeredCall;
import static io.hotline.schemas.testing.EventJson.ivrOnlyCall;
import static io.hotline.schemas.testing.EventJson.recording;
import static io.hotline.schemas.testing.EventJson.sms;
import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.schemas.testing.EventJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventParserTest {
  private static final EventParser PARSER = EventParser.standard();

  private static Rejection cdrRejection(EventJson json) {
    ParseResult<Cdr> r = PARSER.parseCdr(json.json());
    assertThat(r.isValid()).as("expected a rejection for %s", json).isFalse();
    return r.rejection();
  }

  private static Rejection cdrRejection(String text) {
    ParseResult<Cdr> r = PARSER.parseCdr(text);
    assertThat(r.isValid()).as("expected a rejection for %s", text).isFalse();
    return r.rejection();
  }

  @Nested
  class ValidCalls {
    @Test
    void answeredCallKeepsEveryField() {
      Cdr cdr = PARSER.parseCdr(answeredCall().json()).event();

      assertThat(cdr.callId()).isEqualTo("c-0001");
      assertThat(cdr.line()).isEqualTo(Line.L12333);
      assertThat(cdr.center()).isEqualTo("320100");
      assertThat(cdr.province()).isEqualTo("320000");
      assertThat(cdr.caller()).isEqualTo("13800000000");
      assertThat(cdr.arrivedAt()).isEqualTo(Instant.parse("2025-03-14T01:00:00Z"));
      assertThat(cdr.queuedAt()).isEqualTo(Instant.parse("2025-03-14T01:00:10Z"));
      assertThat(cdr.answeredAt()).isEqualTo(Instant.parse("2025-03-14T01:00:20Z"));
      assertThat(cdr.endedAt()).isEqualTo(Instant.parse("2025-03-14T01:05:00Z"));
      assertThat(cdr.endReason()).isEqualTo(EndReason.COMPLETED);
      assertThat(cdr.queue()).isEqualTo("pension");
      assertThat(cdr.agentId()).isEqualTo("10543");
      assertThat(cdr.topic()).isEqualTo("1402");
      assertThat(cdr.satisfaction()).isEqualTo(1);
      assertThat(cdr.recordingId()).isEqualTo("r-0001");
    }

    @Test
    void abandonedAndIvrOnlyCallsAreValid() {
      assertThat(PARSER.parseCdr(abandonedCall().json()).isValid()).isTrue();
      Cdr ivr = PARSER.parseCdr(ivrOnlyCall().json()).event();
      assertThat(ivr.queuedAt()).isNull();
      assertThat(ivr.answeredAt()).isNull();
    }

    @Test
    void unknownFieldsOfAnyShapeAreIgnored() {
      String json =
          answeredCall()
              .with("vendor", java.util.Map.of("a", java.util.List.of(1, 2, java.util.Map.of())))
              .with("extra", 3.5)
              .json();
      assertThat(PARSER.parseCdr(json).isValid()).isTrue();
    }

    @Test
    void emptyOptionalStringsMeanNotGiven() {
      Cdr cdr = PARSER.parseCdr(answeredCall().with("queue", "").with("topic", "").json()).event();
      assertThat(cdr.queue()).isNull();
      assertThat(cdr.topic()).isNull();
    }

    @Test
    void twoDigitCategoryTopicIsAccepted() {
      assertThat(PARSER.parseCdr(answeredCall().with("topic", "26").json()).event().topic())
          .isEqualTo("26");
    }

    @Test
    void provinceLevelCentreIsAccepted() {
      assertThat(PARSER.parseCdr(answeredCall().with("center", "320000").json()).isValid())
          .isTrue();
    }

    @Test
    void otherOffsetsAreConvertedToTheSameInstant() {
      Cdr cdr =
          PARSER
              .parseCdr(
                  answeredCall()
                      .with("arrived_at", "2025-03-14T01:00:00Z")
                      .with("queued_at", "2025-03-13T20:00:10.5-05:00")
                      .json())
              .event();
      assertThat(cdr.arrivedAt()).isEqualTo(Instant.parse("2025-03-14T01:00:00Z"));
      assertThat(cdr.queuedAt()).isEqualTo(Instant.parse("2025-03-14T01:00:10.500Z"));
    }

    @Test
    void fractionsBeyondMillisecondsAreTruncated() {
      Cdr cdr =
          PARSER
              .parseCdr(
                  answeredCall().with("arrived_at", "2025-03-14T09:00:00.123987+08:00").json())
              .event();
      assertThat(cdr.arrivedAt()).isEqualTo(Instant.parse("2025-03-14T01:00:00.123Z"));
    }
  }

  @Nested
  class MalformedRecords {
    @Test
    void brokenJson() {
      Rejection r = cdrRejection("{\"call_id\": \"c-1\", ");
      assertThat(r.field()).isEqualTo("(record)");
      assertThat(r.message()).startsWith("(record) = (missing): is not valid JSON: ");
    }

    @Test
    void notAnObject() {
      assertThat(cdrRejection("[1,2]").message())
          .isEqualTo("(record) = (missing): is not a JSON object");
      assertThat(cdrRejection("").rule()).isEqualTo("is not a JSON object");
    }

    @Test
    void textAfterTheObject() {
      assertThat(cdrRejection(answeredCall().json() + " {}").rule())
          .isEqualTo("has text after the JSON object");
    }

    @Test
    void duplicateKeys() {
      String json =
          answeredCall().json().replace("{\"call_id\"", "{\"line\":\"12333\",\"call_id\"");
      assertThat(cdrRejection(json).rule()).contains("Duplicate field 'line'");
    }

    @Test
    void oversizedRecord() {
      String json = answeredCall().with("padding", "x".repeat(70_000)).json();
      assertThat(cdrRejection(json).rule()).matches("is \\d+ bytes, over the limit of 65536 bytes");
    }

    @Test
    void deeplyNestedUnknownField() {
      String json = "{\"x\":" + "[".repeat(100) + "]".repeat(100) + "}";
      assertThat(cdrRejection(json).rule()).startsWith("is not valid JSON");
    }

    @Test
    void invalidUtf8() {
      byte[] good = answeredCall().with("queue", "AB").json().getBytes(StandardCharsets.UTF_8);
      String text = new String(good, StandardCharsets.UTF_8);
      int at = text.indexOf("AB");
      good[at] = (byte) 0xC3; // a lead byte followed by an ASCII byte: invalid UTF-8
      ParseResult<Cdr> r = PARSER.parseCdr(good);
      assertThat(r.isValid()).isFalse();
      assertThat(r.rejection().rule()).contains("UTF-8");
    }
  }

  @Nested
  class FieldRules {
    @ParameterizedTest
    @ValueSource(
        strings = {"call_id", "line", "center", "caller", "arrived_at", "ended_at", "end_reason"})
    void requiredFieldMissing(String field) {
      assertThat(cdrRejection(answeredCall().without(field)).message())
          .isEqualTo(field + " = (missing): is required");
    }

    @Test
    void requiredFieldNullIsMissing() {
      assertThat(cdrRejection(answeredCall().with("ended_at", null)).message())
          .isEqualTo("ended_at = (missing): is required");
    }

    @Test
    void callIdTooLong() {
      assertThat(cdrRejection(answeredCall().with("call_id", "c".repeat(65))).rule())
          .isEqualTo("must be at most 64 characters");
    }

    @Test
    void callIdWithControlCharacter() {
      assertThat(cdrRejection(answeredCall().with("call_id", "c\n1")).rule())
          .isEqualTo("must not contain control characters");
    }

    @Test
    void emptyCallId() {
      assertThat(cdrRejection(answeredCall().with("call_id", "")).message())
          .isEqualTo("call_id = \"\": must not be empty");
    }

    @Test
    void unknownLine() {
      assertThat(cdrRejection(answeredCall().with("line", "12345")).message())
          .isEqualTo("line = \"12345\": must be one of 12333, 12370, 12385");
    }

    @Test
    void lineAsNumber() {
      assertThat(cdrRejection(answeredCall().with("line", 12333)).message())
          .isEqualTo("line = \"12333\": must be a string, got a number");
    }

    @Test
    void centreNotSixDigits() {
      assertThat(cdrRejection(answeredCall().with("center", "32010")).message())
          .isEqualTo("center = \"32010\": must be a 6-digit GB/T 2260 code");
    }

    @Test
    void unknownCentre() {
      assertThat(cdrRejection(answeredCall().with("center", "999900")).message())
          .isEqualTo(
              "center = \"999900\": is not a known centre code"
                  + " (GB/T 2260 prefecture-level city or province)");
    }

    @Test
    void callerNeverShownInARejection() {
      Rejection r = cdrRejection(answeredCall().with("caller", 13800000000L));
      assertThat(r.message())
          .isEqualTo("caller = \"(11 characters, masked)\": must be a string, got a number");
      assertThat(r.message()).doesNotContain("13800000000");
    }

    @Test
    void blankCaller() {
      assertThat(cdrRejection(answeredCall().with("caller", "  ")).rule())
          .isEqualTo("must not be empty");
    }

    @Test
    void unknownEndReason() {
      assertThat(cdrRejection(answeredCall().with("end_reason", "dropped")).rule())
          .isEqualTo(
              "must be one of completed, caller_hangup, transferred, voicemail, out_of_hours,"
                  + " blocked, system");
    }

    @Test
    void unknownTopic() {
      assertThat(cdrRejection(answeredCall().with("topic", "9999")).message())
          .isEqualTo("topic = \"9999\": is not in the topic code table");
    }

    @Test
    void malformedTopic() {
      assertThat(cdrRejection(answeredCall().with("topic", "140")).rule())
          .isEqualTo("must be a 2- or 4-digit code of the topic table");
    }

    @Test
    void satisfactionOutOfRange() {
      assertThat(cdrRejection(answeredCall().with("satisfaction", 4)).message())
          .isEqualTo("satisfaction = \"4\": must be between 1 and 3");
    }

    @Test
    void satisfactionNotAWholeNumber() {
      assertThat(cdrRejection(answeredCall().with("satisfaction", 1.5)).rule())
          .isEqualTo("must be a whole number, got a number");
      assertThat(cdrRejection(answeredCall().with("satisfaction", "1")).rule())
          .isEqualTo("must be a whole number, got a string");
    }

    @Test
    void optionalStringOfWrongType() {
      assertThat(cdrRejection(answeredCall().with("agent_id", 10543)).message())
          .isEqualTo("agent_id = \"10543\": must be a string or null, got a number");
    }
  }

  @Nested
  class Timestamps {
    @Test
    void withoutOffset() {
      assertThat(cdrRejection(answeredCall().with("arrived_at", "2025-03-14T09:00:00")).message())
          .isEqualTo(
              "arrived_at = \"2025-03-14T09:00:00\": has no UTC offset;"
                  + " write the offset, e.g. 2025-03-14T09:01:02+08:00");
    }

    @Test
    void notATimestamp() {
      assertThat(cdrRejection(answeredCall().with("arrived_at", "yesterday")).rule())
          .isEqualTo(
              "is not an ISO-8601 timestamp with offset (like 2025-03-14T09:01:02.123+08:00)");
    }

    @Test
    void epochNumberIsNotATimestamp() {
      assertThat(cdrRejection(answeredCall().with("arrived_at", 1741914000000L)).rule())
          .isEqualTo("must be a string, got a number");
    }

    @Test
    void impossibleDate() {
      assertThat(
              cdrRejection(answeredCall().with("arrived_at", "2025-02-30T09:00:00+08:00")).rule())
          .isEqualTo("is not a real calendar date");
    }

    @Test
    void timeOfDayOutOfRange() {
      assertThat(
              cdrRejection(answeredCall().with("arrived_at", "2025-03-14T24:00:00+08:00")).rule())
          .isEqualTo("has a time of day out of range");
    }

    @Test
    void basicFormatOffset() {
      assertThat(cdrRejection(answeredCall().with("arrived_at", "2025-03-14T09:00:00+0800")).rule())
          .isEqualTo("has a malformed UTC offset (expected Z or ±HH:MM)");
    }

    @Test
    void farPastOrFuture() {
      assertThat(
              cdrRejection(answeredCall().with("arrived_at", "1999-12-31T23:59:59+08:00")).rule())
          .isEqualTo("is outside the accepted years 2000–2099");
      assertThat(cdrRejection(answeredCall().with("ended_at", "2150-01-01T00:00:00+08:00")).rule())
          .isEqualTo("is outside the accepted years 2000–2099");
    }

    @Test
    void malformedFraction() {
      assertThat(
              cdrRejection(answeredCall().with("arrived_at", "2025-03-14T09:00:00.+08:00")).rule())
          .isEqualTo("has a malformed fraction of a second");
    }
  }

  @Nested
  class Invariants {
    @Test
    void queuedBeforeArrived() {
      assertThat(
              cdrRejection(answeredCall().with("queued_at", "2025-03-14T08:59:59+08:00")).message())
          .isEqualTo("queued_at = \"2025-03-14T08:59:59+08:00\": must not be before arrived_at");
    }

    @Test
    void answeredWithoutQueued() {
      assertThat(cdrRejection(answeredCall().with("queued_at", null)).rule())
          .isEqualTo("requires queued_at (only a queued call can be answered)");
    }

    @Test
    void answeredBeforeQueued() {
      assertThat(
              cdrRejection(answeredCall().with("answered_at", "2025-03-14T09:00:05+08:00")).rule())
          .isEqualTo("must not be before queued_at");
    }

    @Test
    void endedBeforeAnswered() {
      Rejection r = cdrRejection(answeredCall().with("ended_at", "2025-03-14T09:00:15+08:00"));
      assertThat(r.field()).isEqualTo("ended_at");
      assertThat(r.rule()).isEqualTo("must not be before answered_at");
    }

    @Test
    void endedBeforeArrivedForIvrCall() {
      assertThat(cdrRejection(ivrOnlyCall().with("ended_at", "2025-03-14T08:00:00+08:00")).rule())
          .isEqualTo("must not be before arrived_at");
    }

    @Test
    void durationOf24HoursOrMore() {
      assertThat(cdrRejection(answeredCall().with("ended_at", "2025-03-15T09:00:00+08:00")).rule())
          .isEqualTo("is 24 hours or more after arrived_at (calls last under 24 h)");
    }

    @Test
    void justUnder24HoursIsValid() {
      assertThat(
              PARSER
                  .parseCdr(answeredCall().with("ended_at", "2025-03-15T08:59:59.999+08:00").json())
                  .isValid())
          .isTrue();
    }
  }

  @Nested
  class Recordings {
    @Test
    void validRecording() {
      Recording rec = PARSER.parseRecording(recording().json()).event();
      assertThat(rec.durationMs()).isEqualTo(280_000);
      assertThat(rec.bytes()).isEqualTo(4_480_000L);
      assertThat(rec.sha256()).isEqualTo("ab".repeat(32));
    }

    @Test
    void negativeDuration() {
      assertThat(
              PARSER
                  .parseRecording(recording().with("duration_ms", -1).json())
                  .rejection()
                  .message())
          .isEqualTo("duration_ms = \"-1\": must be between 0 and 86400000");
    }

    @Test
    void badChecksum() {
      assertThat(PARSER.parseRecording(recording().with("sha256", "xyz").json()).rejection().rule())
          .isEqualTo("must be 64 hexadecimal digits");
    }

    @Test
    void missingUri() {
      assertThat(PARSER.parseRecording(recording().without("uri").json()).rejection().message())
          .isEqualTo("uri = (missing): is required");
    }

    @Test
    void hugeNumber() {
      String json = recording().json().replace("4480000", "123456789012345678901234567890");
      assertThat(PARSER.parseRecording(json).rejection().rule()).isEqualTo("is out of range");
    }
  }

  @Nested
  class ShortMessages {
    @Test
    void validSms() {
      Sms s = PARSER.parseSms(sms().json()).event();
      assertThat(s.direction()).isEqualTo(Sms.Direction.MO);
      assertThat(s.status()).isEqualTo(Sms.Status.DELIVERED);
    }

    @Test
    void badDirection() {
      assertThat(PARSER.parseSms(sms().with("direction", "in").json()).rejection().rule())
          .isEqualTo("must be mo (from the public) or mt (to the public)");
    }

    @Test
    void zeroSegments() {
      assertThat(PARSER.parseSms(sms().with("segments", 0).json()).rejection().message())
          .isEqualTo("segments = \"0\": must be between 1 and 255");
    }

    @Test
    void badStatus() {
      assertThat(PARSER.parseSms(sms().with("status", "sent").json()).rejection().rule())
          .isEqualTo("must be one of delivered, failed, pending");
    }
  }
}
