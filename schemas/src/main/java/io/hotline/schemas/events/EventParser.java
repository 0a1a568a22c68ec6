package io.hotline.schemas.events;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.hotline.schemas.reference.Regions;
import io.hotline.schemas.reference.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The one parser and validator of input events: turns a JSON text into a valid {@link Cdr}, {@link
 * Recording} or {@link Sms}, or into a {@link Rejection} naming the field, the value and the broken
 * rule. Every rule of the contract (CONTRACTS.md) is enforced here and nowhere else; unknown fields
 * are ignored. Thread-safe; parsing never throws on bad input.
 */
public final class EventParser {

  /** Longest accepted input record; anything larger is refused before parsing. */
  public static final int MAX_RECORD_BYTES = 64 * 1024;

  private static final int MAX_NESTING = 32;

  // Duplicate keys are refused: which of two values would be "the" answered_at is undefined.
  private static final JsonFactory JSON =
      JsonFactory.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(MAX_NESTING)
                  .maxStringLength(MAX_RECORD_BYTES)
                  .maxNumberLength(64)
                  .build())
          .build();

  private static final Set<String> CDR_FIELDS =
      Set.of(
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
          "recording_id");
  private static final Set<String> RECORDING_FIELDS =
      Set.of(
          "recording_id",
          "call_id",
          "center",
          "agent_id",
          "started_at",
          "duration_ms",
          "uri",
          "codec",
          "bytes",
          "sha256");
  private static final Set<String> SMS_FIELDS =
      Set.of("sms_id", "line", "center", "direction", "sent_at", "segments", "status");

  private static final EventParser STANDARD =
      new EventParser(Regions.standard(), Topics.standard());

  private final Regions regions;
  private final Topics topics;

  public EventParser(Regions regions, Topics topics) {
    this.regions = regions;
    this.topics = topics;
  }

  /** The parser over the product's bundled reference data. */
  public static EventParser standard() {
    return STANDARD;
  }

  public ParseResult<Cdr> parseCdr(String json) {
    return parseCdr(json.getBytes(StandardCharsets.UTF_8));
  }

  public ParseResult<Recording> parseRecording(String json) {
    return parseRecording(json.getBytes(StandardCharsets.UTF_8));
  }

  public ParseResult<Sms> parseSms(String json) {
    return parseSms(json.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Parses UTF-8 bytes as they come from Kafka or a file; invalid UTF-8 is refused rather than
   * silently replaced.
   */
  public ParseResult<Cdr> parseCdr(byte[] utf8) {
    FieldReader r = read(utf8, CDR_FIELDS);
    return r.failed() ? ParseResult.rejected(r.rejection()) : toCdr(r);
  }

  public ParseResult<Recording> parseRecording(byte[] utf8) {
    FieldReader r = read(utf8, RECORDING_FIELDS);
    return r.failed() ? ParseResult.rejected(r.rejection()) : toRecording(r);
  }

  public ParseResult<Sms> parseSms(byte[] utf8) {
    FieldReader r = read(utf8, SMS_FIELDS);
    return r.failed() ? ParseResult.rejected(r.rejection()) : toSms(r);
  }

  /** Parses an event of the given kind; the result holds a Cdr, Recording or Sms. */
  public ParseResult<?> parse(EventKind kind, byte[] utf8) {
    return switch (kind) {
      case CDR -> parseCdr(utf8);
      case RECORDING -> parseRecording(utf8);
      case SMS -> parseSms(utf8);
    };
  }

  private ParseResult<Cdr> toCdr(FieldReader r) {
    String callId = r.id("call_id");
    Line line = r.line("line");
    String center = r.center("center", regions);
    String caller = r.caller("caller");
    Long arrived = r.time("arrived_at", true);
    Long queued = r.time("queued_at", false);
    Long answered = r.time("answered_at", false);
    Long ended = r.time("ended_at", true);
    EndReason endReason = r.endReason("end_reason");
    String queue = r.optionalText("queue", 64);
    String agentId = r.optionalText("agent_id", 32);
    String topic = r.topic("topic", topics);
    Integer satisfaction = r.satisfaction("satisfaction");
    String recordingId = r.optionalId("recording_id");
    if (r.failed()) {
      return ParseResult.rejected(r.rejection());
    }
    Rejection broken = CdrInvariants.check(r, arrived, queued, answered, ended);
    if (broken != null) {
      return ParseResult.rejected(broken);
    }
    return ParseResult.valid(
        new Cdr(
            callId,
            line,
            center,
            caller,
            FieldReader.instant(arrived),
            FieldReader.instant(queued),
            FieldReader.instant(answered),
            FieldReader.instant(ended),
            endReason,
            queue,
            agentId,
            topic,
            satisfaction,
            recordingId));
  }

  private ParseResult<Recording> toRecording(FieldReader r) {
    String recordingId = r.id("recording_id");
    String callId = r.id("call_id");
    String center = r.center("center", regions);
    String agentId = r.optionalText("agent_id", 32);
    Long started = r.time("started_at", true);
    Long durationMs = r.integer("duration_ms", true, 0, CdrInvariants.MAX_DURATION_MS);
    String uri = r.requiredText("uri", 1024);
    String codec = r.optionalText("codec", 64);
    Long bytes = r.integer("bytes", false, 0, Long.MAX_VALUE);
    String sha256 = r.sha256("sha256");
    if (r.failed()) {
      return ParseResult.rejected(r.rejection());
    }
    return ParseResult.valid(
        new Recording(
            recordingId,
            callId,
            center,
            agentId,
            FieldReader.instant(started),
            durationMs,
            uri,
            codec,
            bytes,
            sha256));
  }

  private ParseResult<Sms> toSms(FieldReader r) {
    String smsId = r.id("sms_id");
    Line line = r.line("line");
    String center = r.center("center", regions);
    Sms.Direction direction = r.direction("direction");
    Long sent = r.time("sent_at", true);
    Long segments = r.integer("segments", true, 1, 255);
    Sms.Status status = r.smsStatus("status");
    if (r.failed()) {
      return ParseResult.rejected(r.rejection());
    }
    return ParseResult.valid(
        new Sms(
            smsId,
            line,
            center,
            direction,
            FieldReader.instant(sent),
            segments.intValue(),
            status));
  }

  /** Reads the top-level object into a field map, keeping only the fields the kind knows. */
  private static FieldReader read(byte[] utf8, Set<String> known) {
    if (utf8.length > MAX_RECORD_BYTES) {
      return FieldReader.failed(
          Rejection.record(
              "is " + utf8.length + " bytes, over the limit of " + MAX_RECORD_BYTES + " bytes"));
    }
    Map<String, JsonValue> values = new HashMap<>(32);
    try (JsonParser p = JSON.createParser(utf8)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return FieldReader.failed(Rejection.record("is not a JSON object"));
      }
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken valueToken = p.nextToken();
        if (!known.contains(name)) {
          p.skipChildren(); // unknown fields are ignored, whatever their shape
          continue;
        }
        values.put(name, JsonValue.of(valueToken, p));
      }
      if (t != JsonToken.END_OBJECT) {
        return FieldReader.failed(Rejection.record("is not valid JSON: unexpected " + t));
      }
      if (p.nextToken() != null) {
        return FieldReader.failed(Rejection.record("has text after the JSON object"));
      }
    } catch (JsonProcessingException e) {
      return FieldReader.failed(Rejection.record("is not valid JSON: " + firstLine(e)));
    } catch (IOException e) {
      return FieldReader.failed(Rejection.record("could not be read: " + firstLine(e)));
    }
    return new FieldReader(values);
  }

  private static String firstLine(Exception e) {
    String m = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
    if (m == null) {
      return e.getClass().getSimpleName();
    }
    int nl = m.indexOf('\n');
    String line = nl < 0 ? m : m.substring(0, nl);
    return line.length() > 160 ? line.substring(0, 160) + "…" : line;
  }
}
