package io.hotline.schemas.events;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;

/**
 * Holds the known top-level values of one record as read, then reads them as typed fields and
 * remembers the first rule broken. Once a field has failed, later reads return null, so a converter
 * reads every field in contract order and then asks {@link #failed()} once: the rejection names the
 * first problem in that order.
 *
 * <p>Values are kept as characters in one reused buffer, and a String is only made for a value that
 * ends up in the event or in a rejection: timestamps, codes and numbers are checked straight from
 * the characters. One reader per thread ({@link #forThread}), reused for every record, which keeps
 * the shared {@link EventParser} thread-safe without allocating per record.
 */
final class FieldReader {
  /** Returned by {@link #time} for a timestamp that is absent, null or failed. */
  static final long ABSENT = Long.MIN_VALUE;

  private static final int MAX_ID_LENGTH = 64;
  private static final int INITIAL_CHARS = 1024;
  // A huge record (up to 64 KiB) may grow the buffer; do not keep that much per thread for good.
  private static final int MAX_KEPT_CHARS = 16 * 1024;
  private static final Line[] LINES = Line.values();
  private static final EndReason[] END_REASONS = EndReason.values();
  private static final String[] END_REASON_CODES = codesOf(END_REASONS);

  // Slot state is kept as numbers, never as references to per-record objects: a pooled reader
  // lives in the old generation, and storing young references into it costs G1 a write barrier
  // and card refinement on every store (measured: parsing ran at about two thirds of the speed).
  private static final JsonToken[] TOKENS = JsonToken.values();
  private static final int ABSENT_TOKEN = -1;
  private static final int NULL = JsonToken.VALUE_NULL.ordinal();
  private static final int STRING = JsonToken.VALUE_STRING.ordinal();
  private static final int NUMBER_INT = JsonToken.VALUE_NUMBER_INT.ordinal();

  private static final ThreadLocal<FieldReader> PER_THREAD =
      ThreadLocal.withInitial(FieldReader::new);

  private FieldSet fields;
  // JsonToken ordinal of each slot's value, ABSENT_TOKEN when the field was not given.
  private final int[] tokens = new int[FieldSet.MAX_FIELDS];
  private final int[] starts = new int[FieldSet.MAX_FIELDS];
  // -1 when the value has no text (null, object, array), as Jackson's getText() gives null.
  private final int[] lengths = new int[FieldSet.MAX_FIELDS];
  private char[] chars = new char[INITIAL_CHARS];
  private int used;
  // Unknown top-level names of the record, so the fast pass can see a repeated one; few expected.
  private final String[] unknownNames = new String[16];
  private int unknownCount;
  private Rejection rejection;
  // Every value so far came from the flat scanner, which only keeps printable ASCII: no value can
  // hold a control character or a surrogate, and the checks for them are skipped.
  private boolean printableAscii;

  private FieldReader() {}

  /** This thread's reader, emptied and set up for one record of the given kind. */
  static FieldReader forThread(FieldSet fields) {
    FieldReader r = PER_THREAD.get();
    r.start(fields);
    return r;
  }

  private void start(FieldSet fields) {
    if (this.fields != fields) {
      this.fields = fields;
    }
    restart();
  }

  /** Forgets what was read so far, to read the same record again. */
  void restart() {
    Arrays.fill(tokens, 0, fields.size(), ABSENT_TOKEN);
    unknownCount = 0;
    used = 0;
    rejection = null;
    printableAscii = true;
  }

  /** Drops references to this record's objects, so a pooled reader does not keep them alive. */
  void finish() {
    rejection = null;
    if (unknownCount > 0) {
      Arrays.fill(unknownNames, null);
    }
    if (chars.length > MAX_KEPT_CHARS) {
      chars = new char[INITIAL_CHARS];
    }
  }

  FieldSet fields() {
    return fields;
  }

  /**
   * Keeps the value the parser is at (its current token, just after the field name) in a slot;
   * objects and arrays are skipped and keep only their type.
   */
  void put(int slot, JsonToken token, JsonParser p) throws IOException {
    printableAscii = false;
    tokens[slot] = token.ordinal();
    if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
      p.skipChildren();
      lengths[slot] = -1;
      return;
    }
    if (token == JsonToken.VALUE_NULL) {
      lengths[slot] = -1;
      return;
    }
    char[] text = p.getTextCharacters();
    int offset = p.getTextOffset();
    int length = p.getTextLength();
    if (used + length > chars.length) {
      chars = Arrays.copyOf(chars, Math.max(chars.length * 2, used + length));
    }
    System.arraycopy(text, offset, chars, used, length);
    starts[slot] = used;
    lengths[slot] = length;
    used += length;
  }

  /**
   * Keeps a value given as ASCII bytes (no escapes), as {@link #put} would keep the same value read
   * by Jackson: the characters of a string without its quotes, of a number, or of true/false. The
   * bytes must be printable ASCII, as the flat scanner makes sure.
   */
  void putAscii(int slot, JsonToken token, byte[] src, int from, int length) {
    tokens[slot] = token.ordinal();
    if (used + length > chars.length) {
      chars = Arrays.copyOf(chars, Math.max(chars.length * 2, used + length));
    }
    char[] to = chars;
    int at = used;
    for (int i = 0; i < length; i++) {
      to[at + i] = (char) src[from + i];
    }
    starts[slot] = used;
    lengths[slot] = length;
    used += length;
  }

  /** Keeps a JSON null, as {@link #put} would. */
  void putNull(int slot) {
    tokens[slot] = NULL;
    lengths[slot] = -1;
  }

  /** Whether the slot has been given a value in this record. */
  boolean has(int slot) {
    return tokens[slot] != ABSENT_TOKEN;
  }

  /**
   * Notes a top-level name the kind does not know; false if it was seen before in this record or
   * too many such names came (then the caller leaves the record to a pass that tracks them all).
   */
  boolean firstUnknown(String name) {
    for (int i = 0; i < unknownCount; i++) {
      if (unknownNames[i].equals(name)) {
        return false;
      }
    }
    if (unknownCount == unknownNames.length) {
      return false;
    }
    unknownNames[unknownCount++] = name;
    return true;
  }

  boolean failed() {
    return rejection != null;
  }

  Rejection rejection() {
    return rejection;
  }

  /** Records a rejection for a cross-field rule and returns it. */
  Rejection reject(Enum<?> field, String rule) {
    int slot = field.ordinal();
    Rejection r = Rejection.of(fields.name(slot), text(slot), rule);
    if (rejection == null) {
      rejection = r;
    }
    return r;
  }

  static Instant instant(long epochMillis) {
    return epochMillis == ABSENT ? null : Instant.ofEpochMilli(epochMillis);
  }

  // ---- identifiers and text ----

  String id(Enum<?> field) {
    int slot = field.ordinal();
    return requiredString(slot) ? checkText(slot, MAX_ID_LENGTH) : null;
  }

  String optionalId(Enum<?> field) {
    int slot = field.ordinal();
    return optionalString(slot) ? checkText(slot, MAX_ID_LENGTH) : null;
  }

  String requiredText(Enum<?> field, int maxLength) {
    int slot = field.ordinal();
    return requiredString(slot) ? checkText(slot, maxLength) : null;
  }

  String optionalText(Enum<?> field, int maxLength) {
    int slot = field.ordinal();
    return optionalString(slot) ? checkText(slot, maxLength) : null;
  }

  /** The slot's string if short enough and free of control characters; checked before copying. */
  private String checkText(int slot, int maxLength) {
    if (lengths[slot] > maxLength) {
      return fail(slot, "must be at most " + maxLength + " characters");
    }
    if (!printableAscii && hasControlCharacter(slot)) {
      return fail(slot, "must not contain control characters");
    }
    // A lone surrogate (half a pair, sent as a JSON escape) cannot be encoded: ClickHouse would
    // store '?',
    // merging ids that the job and the batch twin count apart.
    return !printableAscii && hasStraySurrogate(slot)
        ? fail(slot, "must not contain unpaired surrogates")
        : text(slot);
  }

  /**
   * The caller's number. Its value never appears in a rejection: only its length does, because
   * rejections are stored and shown (personal data, 2013KT13).
   */
  String caller(Enum<?> field) {
    if (failed()) {
      return null;
    }
    int slot = field.ordinal();
    int t = tokens[slot];
    if (t == ABSENT_TOKEN || t == NULL) {
      return missing(slot);
    }
    if (t != STRING) {
      return failMasked(slot, "must be a string, got " + typeName(t));
    }
    if (isBlank(slot)) {
      return failMasked(slot, "must not be empty");
    }
    if (lengths[slot] > MAX_ID_LENGTH || (!printableAscii && hasControlCharacter(slot))) {
      return failMasked(slot, "must be at most " + MAX_ID_LENGTH + " printable characters");
    }
    return text(slot);
  }

  // ---- codes ----

  Line line(Enum<?> field) {
    int slot = field.ordinal();
    if (!requiredString(slot)) {
      return null;
    }
    for (Line line : LINES) {
      if (textEquals(slot, line.number())) {
        return line;
      }
    }
    return fail(slot, "must be one of 12333, 12370, 12385");
  }

  String center(Enum<?> field, CodeTable centers) {
    int slot = field.ordinal();
    if (!requiredString(slot)) {
      return null;
    }
    if (!isDigits(slot, 6)) {
      return fail(slot, "must be a 6-digit GB/T 2260 code");
    }
    String known = centers.find(chars, starts[slot], lengths[slot]);
    if (known != null) {
      return known;
    }
    String s = text(slot);
    return centers.isKnown(s)
        ? s
        : fail(slot, "is not a known centre code (GB/T 2260 prefecture-level city or province)");
  }

  String topic(Enum<?> field, CodeTable topics) {
    int slot = field.ordinal();
    if (!optionalString(slot)) {
      return null;
    }
    if (!isDigits(slot, 2) && !isDigits(slot, 4)) {
      return fail(slot, "must be a 2- or 4-digit code of the topic table");
    }
    String known = topics.find(chars, starts[slot], lengths[slot]);
    if (known != null) {
      return known;
    }
    String s = text(slot);
    return topics.isKnown(s) ? s : fail(slot, "is not in the topic code table");
  }

  EndReason endReason(Enum<?> field) {
    int slot = field.ordinal();
    if (!requiredString(slot)) {
      return null;
    }
    for (int i = 0; i < END_REASONS.length; i++) {
      if (textEquals(slot, END_REASON_CODES[i])) {
        return END_REASONS[i];
      }
    }
    return fail(
        slot,
        "must be one of completed, caller_hangup, transferred, voicemail,"
            + " out_of_hours, blocked, system");
  }

  Sms.Direction direction(Enum<?> field) {
    int slot = field.ordinal();
    if (!requiredString(slot)) {
      return null;
    }
    return switch (text(slot)) {
      case "mo" -> Sms.Direction.MO;
      case "mt" -> Sms.Direction.MT;
      default -> fail(slot, "must be mo (from the public) or mt (to the public)");
    };
  }

  Sms.Status smsStatus(Enum<?> field) {
    int slot = field.ordinal();
    if (!requiredString(slot)) {
      return null;
    }
    return switch (text(slot)) {
      case "delivered" -> Sms.Status.DELIVERED;
      case "failed" -> Sms.Status.FAILED;
      case "pending" -> Sms.Status.PENDING;
      default -> fail(slot, "must be one of delivered, failed, pending");
    };
  }

  String sha256(Enum<?> field) {
    int slot = field.ordinal();
    if (!optionalString(slot)) {
      return null;
    }
    String s = text(slot);
    if (s.length() != 64 || !isHex(s)) {
      return fail(slot, "must be 64 hexadecimal digits");
    }
    return s.toLowerCase(Locale.ROOT);
  }

  // ---- times and numbers ----

  /** Epoch milliseconds of a timestamp field; {@link #ABSENT} when optional and absent or null. */
  long time(Enum<?> field, boolean required) {
    int slot = field.ordinal();
    if (!(required ? requiredString(slot) : optionalString(slot))) {
      return ABSENT;
    }
    try {
      return Timestamps.parseMillis(chars, starts[slot], lengths[slot]);
    } catch (Timestamps.InvalidTimestamp e) {
      fail(slot, e.getMessage());
      return ABSENT;
    }
  }

  Integer satisfaction(Enum<?> field) {
    Long v = integer(field, false, 1, 3);
    return v == null ? null : v.intValue();
  }

  Long integer(Enum<?> field, boolean required, long min, long max) {
    if (failed()) {
      return null;
    }
    int slot = field.ordinal();
    int t = tokens[slot];
    if (t == ABSENT_TOKEN || t == NULL) {
      return required ? missing(slot) : null;
    }
    if (t != NUMBER_INT) {
      return fail(slot, "must be a whole number, got " + typeName(t));
    }
    long n;
    try {
      n = parseLong(slot);
    } catch (NumberFormatException e) {
      return fail(slot, "is out of range");
    }
    if (n < min || n > max) {
      String range = max == Long.MAX_VALUE ? "at least " + min : "between " + min + " and " + max;
      return fail(slot, "must be " + range);
    }
    return n;
  }

  /** Long.parseLong of the slot's text; short plain numbers without making the String. */
  private long parseLong(int slot) {
    int from = starts[slot];
    int end = from + lengths[slot];
    // Up to 18 characters cannot overflow a long; anything else takes Long.parseLong's own path.
    if (lengths[slot] > 18) {
      return Long.parseLong(text(slot));
    }
    boolean negative = from < end && chars[from] == '-';
    int i = negative ? from + 1 : from;
    if (i == end) {
      return Long.parseLong(text(slot));
    }
    long n = 0;
    for (; i < end; i++) {
      char c = chars[i];
      if (c < '0' || c > '9') {
        return Long.parseLong(text(slot));
      }
      n = n * 10 + (c - '0');
    }
    return negative ? -n : n;
  }

  // ---- basics ----

  /** The value as text, as Jackson's getText() gives it; null for null, objects and arrays. */
  private String text(int slot) {
    if (tokens[slot] == ABSENT_TOKEN || lengths[slot] < 0) {
      return null;
    }
    return new String(chars, starts[slot], lengths[slot]);
  }

  /** Whether a required field is a non-empty string; records why not otherwise. */
  private boolean requiredString(int slot) {
    if (failed()) {
      return false;
    }
    int t = tokens[slot];
    if (t == ABSENT_TOKEN || t == NULL) {
      missing(slot);
      return false;
    }
    if (t != STRING) {
      fail(slot, "must be a string, got " + typeName(t));
      return false;
    }
    if (lengths[slot] == 0) {
      fail(slot, "must not be empty");
      return false;
    }
    return true;
  }

  /**
   * Whether an optional field is given as a string; absent, null and empty all mean "not given".
   * Records a rejection for any other type.
   */
  private boolean optionalString(int slot) {
    if (failed()) {
      return false;
    }
    int t = tokens[slot];
    if (t == ABSENT_TOKEN || t == NULL) {
      return false;
    }
    if (t != STRING) {
      fail(slot, "must be a string or null, got " + typeName(t));
      return false;
    }
    return lengths[slot] != 0;
  }

  private <T> T missing(int slot) {
    rejection = Rejection.missing(fields.name(slot));
    return null;
  }

  /** Records the rule broken by the slot's value; the value is shown as received. */
  private <T> T fail(int slot, String rule) {
    rejection = Rejection.of(fields.name(slot), text(slot), rule);
    return null;
  }

  /** Records a rule broken by the caller's number, showing only the value's length. */
  private <T> T failMasked(int slot, String rule) {
    String masked = lengths[slot] < 0 ? null : "(" + lengths[slot] + " characters, masked)";
    rejection = new Rejection(fields.name(slot), masked, rule);
    return null;
  }

  private boolean textEquals(int slot, String s) {
    int length = lengths[slot];
    if (length != s.length()) {
      return false;
    }
    int from = starts[slot];
    for (int i = 0; i < length; i++) {
      if (chars[from + i] != s.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private boolean isDigits(int slot, int length) {
    if (lengths[slot] != length) {
      return false;
    }
    int from = starts[slot];
    for (int i = from; i < from + length; i++) {
      char c = chars[i];
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static boolean isHex(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.digit(s.charAt(i), 16) < 0) {
        return false;
      }
    }
    return true;
  }

  /** Character.isISOControl on each character, spelled out: the JIT makes a tighter loop of it. */
  private boolean hasControlCharacter(int slot) {
    int end = starts[slot] + lengths[slot];
    for (int i = starts[slot]; i < end; i++) {
      char c = chars[i];
      if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
        return true;
      }
    }
    return false;
  }

  /** Whether a surrogate in the slot lacks its partner; well-formed text needs none of this. */
  private boolean hasStraySurrogate(int slot) {
    int end = starts[slot] + lengths[slot];
    for (int i = starts[slot]; i < end; i++) {
      char c = chars[i];
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(chars[i + 1])) {
          i++;
        } else {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * String.isBlank on the slot's characters. Char by char is the same as its code point test: no
   * supplementary code point and no lone surrogate is white space.
   */
  private boolean isBlank(int slot) {
    int from = starts[slot];
    for (int i = from; i < from + lengths[slot]; i++) {
      if (!Character.isWhitespace(chars[i])) {
        return false;
      }
    }
    return true;
  }

  /** The JSON type in words, for messages such as "must be a string, got a number". */
  private static String typeName(int ordinal) {
    JsonToken token = TOKENS[ordinal];
    return switch (token) {
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_NULL -> "null";
      default -> token.toString();
    };
  }

  // EndReason.code() lower-cases on every call; do it once.
  private static String[] codesOf(EndReason[] reasons) {
    String[] codes = new String[reasons.length];
    for (int i = 0; i < reasons.length; i++) {
      codes[i] = reasons[i].code();
    }
    return codes;
  }
}
