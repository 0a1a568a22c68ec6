package io.hotline.schemas.events;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.hotline.schemas.events.FieldSet.CdrField;
import io.hotline.schemas.events.FieldSet.RecordingField;
import io.hotline.schemas.events.FieldSet.SmsField;
import io.hotline.schemas.reference.Regions;
import io.hotline.schemas.reference.Topic;
import io.hotline.schemas.reference.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

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
  // This factory is the reference: its result is the answer for every record.
  private static final JsonFactory STRICT =
      factory().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  // The same without Jackson's duplicate detection, which keeps a HashSet per object and costs
  // more than the rest of reading a flat record. The fast pass over it checks the top-level names
  // itself and hands every record it cannot vouch for (a nested value, a repeated name, any
  // error) to STRICT; on the flat, well-formed records it keeps, both give the same tokens.
  private static final JsonFactory FAST = factory().build();

  /** Marks a record the fast pass leaves to the strict one; never returned to callers. */
  private static final Rejection UNSURE = Rejection.record("left to the strict pass");

  private static final EventParser STANDARD =
      new EventParser(Regions.standard(), Topics.standard());

  // Fast, String-free checks of centre and topic codes; the reference data stays the authority.
  private final CodeTable centers;
  private final CodeTable topics;

  public EventParser(Regions regions, Topics topics) {
    this.centers = CodeTable.of(centreCodes(regions), regions::isCenter);
    this.topics = CodeTable.of(topics.all().stream().map(Topic::code).toList(), topics::isKnown);
  }

  private static List<String> centreCodes(Regions regions) {
    List<String> codes = new ArrayList<>();
    regions.provinces().forEach(r -> codes.add(r.code()));
    regions.cities().forEach(r -> codes.add(r.code()));
    return codes;
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
    return parseCdr(utf8, 0, utf8.length);
  }

  /**
   * Parses the record in {@code utf8[offset, offset+length)}, for a reader that holds many records
   * in one buffer: the same result as {@link #parseCdr(byte[])} on a copy of that range.
   */
  public ParseResult<Cdr> parseCdr(byte[] utf8, int offset, int length) {
    FieldReader r = FieldReader.forThread(FieldSet.CDR);
    try {
      Rejection malformed = read(utf8, offset, length, r);
      return malformed != null ? ParseResult.rejected(malformed) : toCdr(r);
    } finally {
      r.finish();
    }
  }

  public ParseResult<Recording> parseRecording(byte[] utf8) {
    FieldReader r = FieldReader.forThread(FieldSet.RECORDING);
    try {
      Rejection malformed = read(utf8, 0, utf8.length, r);
      return malformed != null ? ParseResult.rejected(malformed) : toRecording(r);
    } finally {
      r.finish();
    }
  }

  public ParseResult<Sms> parseSms(byte[] utf8) {
    FieldReader r = FieldReader.forThread(FieldSet.SMS);
    try {
      Rejection malformed = read(utf8, 0, utf8.length, r);
      return malformed != null ? ParseResult.rejected(malformed) : toSms(r);
    } finally {
      r.finish();
    }
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
    String callId = r.id(CdrField.CALL_ID);
    Line line = r.line(CdrField.LINE);
    String center = r.center(CdrField.CENTER, centers);
    String caller = r.caller(CdrField.CALLER);
    long arrived = r.time(CdrField.ARRIVED_AT, true);
    long queued = r.time(CdrField.QUEUED_AT, false);
    long answered = r.time(CdrField.ANSWERED_AT, false);
    long ended = r.time(CdrField.ENDED_AT, true);
    EndReason endReason = r.endReason(CdrField.END_REASON);
    String queue = r.optionalText(CdrField.QUEUE, 64);
    String agentId = r.optionalText(CdrField.AGENT_ID, 32);
    String topic = r.topic(CdrField.TOPIC, topics);
    Integer satisfaction = r.satisfaction(CdrField.SATISFACTION);
    String recordingId = r.optionalId(CdrField.RECORDING_ID);
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
    String recordingId = r.id(RecordingField.RECORDING_ID);
    String callId = r.id(RecordingField.CALL_ID);
    String center = r.center(RecordingField.CENTER, centers);
    String agentId = r.optionalText(RecordingField.AGENT_ID, 32);
    long started = r.time(RecordingField.STARTED_AT, true);
    Long durationMs = r.integer(RecordingField.DURATION_MS, true, 0, CdrInvariants.MAX_DURATION_MS);
    String uri = r.requiredText(RecordingField.URI, 1024);
    String codec = r.optionalText(RecordingField.CODEC, 64);
    Long bytes = r.integer(RecordingField.BYTES, false, 0, Long.MAX_VALUE);
    String sha256 = r.sha256(RecordingField.SHA256);
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
    String smsId = r.id(SmsField.SMS_ID);
    Line line = r.line(SmsField.LINE);
    String center = r.center(SmsField.CENTER, centers);
    Sms.Direction direction = r.direction(SmsField.DIRECTION);
    long sent = r.time(SmsField.SENT_AT, true);
    Long segments = r.integer(SmsField.SEGMENTS, true, 1, 255);
    Sms.Status status = r.smsStatus(SmsField.STATUS);
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

  /**
   * Reads the top-level object into the reader's slots, keeping only the fields the kind knows;
   * returns why the record as a whole is unusable, or null.
   */
  private static Rejection read(byte[] utf8, int offset, int length, FieldReader r) {
    if (length > MAX_RECORD_BYTES) {
      return Rejection.record(
          "is " + length + " bytes, over the limit of " + MAX_RECORD_BYTES + " bytes");
    }
    if (FlatScanner.scan(utf8, offset, length, r)) {
      return null; // a flat object of known names in printable ASCII, read as Jackson would
    }
    // Before the Jackson passes: Jackson never looks at the bytes of a field it skips and lets
    // overlong forms and encoded surrogates through. (A record the scanner kept is all ASCII.)
    int invalid = Utf8.firstInvalidByte(utf8, offset, length);
    if (invalid >= 0) {
      return Rejection.record("is not valid UTF-8 (byte " + invalid + ")");
    }
    r.restart();
    Rejection fast = read(utf8, offset, length, r, FAST);
    if (fast != UNSURE) {
      return fast;
    }
    r.restart();
    return read(utf8, offset, length, r, STRICT);
  }

  /**
   * One pass over the record. With {@link #FAST}, returns {@link #UNSURE} as soon as the record is
   * not flat, repeats a name or is not valid JSON, so that only {@link #STRICT} ever decides which
   * error such a record gets.
   */
  private static Rejection read(
      byte[] utf8, int offset, int length, FieldReader r, JsonFactory json) {
    boolean fast = json == FAST;
    FieldSet fields = r.fields();
    try (JsonParser p = json.createParser(utf8, offset, length)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return Rejection.record("is not a JSON object");
      }
      // Producers write fields in contract order, so first try the field after the last known
      // one: Jackson then matches the name's bytes instead of decoding and looking it up. Any
      // other name falls back to the ordinary path; the tokens and errors are the same.
      int expected = 0;
      while (true) {
        int slot;
        String unknown = null;
        if (expected < fields.size() && p.nextFieldName(fields.serializedName(expected))) {
          slot = expected;
        } else {
          JsonToken t = expected < fields.size() ? p.currentToken() : p.nextToken();
          if (t != JsonToken.FIELD_NAME) {
            return endOfObject(t, p);
          }
          unknown = p.currentName();
          slot = fields.slotOf(unknown);
        }
        JsonToken value = p.nextToken();
        if (fast && !isFlat(value, slot, unknown, r)) {
          return UNSURE;
        }
        if (slot < 0) {
          p.skipChildren(); // unknown fields are ignored, whatever their shape
          continue;
        }
        r.put(slot, value, p);
        expected = slot + 1;
      }
    } catch (JsonProcessingException e) {
      return fast ? UNSURE : Rejection.record("is not valid JSON: " + firstLine(e));
    } catch (IOException e) {
      return fast ? UNSURE : Rejection.record("could not be read: " + firstLine(e));
    }
  }

  /**
   * Whether the fast pass can keep going: a scalar value under a name not seen before in this
   * record. Nested values are left to the strict pass, which checks their names for repeats.
   */
  private static boolean isFlat(JsonToken value, int slot, String unknown, FieldReader r) {
    if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
      return false;
    }
    return slot >= 0 ? !r.has(slot) : r.firstUnknown(unknown);
  }

  private static Rejection endOfObject(JsonToken t, JsonParser p) throws IOException {
    if (t != JsonToken.END_OBJECT) {
      return Rejection.record("is not valid JSON: unexpected " + t);
    }
    if (p.nextToken() != null) {
      return Rejection.record("has text after the JSON object");
    }
    return null;
  }

  private static JsonFactoryBuilder factory() {
    return new JsonFactoryBuilder()
        .streamReadConstraints(
            StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING)
                .maxStringLength(MAX_RECORD_BYTES)
                .maxNumberLength(64)
                .build());
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
