package io.hotline.schemas.events;

import com.fasterxml.jackson.core.JsonToken;
import io.hotline.schemas.reference.Regions;
import io.hotline.schemas.reference.Topics;
import java.time.Instant;
import java.util.Map;

/**
 * Reads typed fields out of one parsed record and remembers the first rule broken. Once a field has
 * failed, later reads return null, so a converter reads every field in contract order and then asks
 * {@link #failed()} once: the rejection names the first problem in that order.
 */
final class FieldReader {
  private static final int MAX_ID_LENGTH = 64;

  private final Map<String, JsonValue> values;
  private Rejection rejection;

  FieldReader(Map<String, JsonValue> values) {
    this.values = values;
  }

  static FieldReader failed(Rejection rejection) {
    FieldReader r = new FieldReader(Map.of());
    r.rejection = rejection;
    return r;
  }

  boolean failed() {
    return rejection != null;
  }

  Rejection rejection() {
    return rejection;
  }

  /** Records a rejection for a cross-field rule and returns it. */
  Rejection reject(String field, String rule) {
    JsonValue v = values.get(field);
    Rejection r = Rejection.of(field, v == null ? null : v.text(), rule);
    if (rejection == null) {
      rejection = r;
    }
    return r;
  }

  static Instant instant(Long epochMillis) {
    return epochMillis == null ? null : Instant.ofEpochMilli(epochMillis);
  }

  // ---- identifiers and text ----

  String id(String field) {
    String s = requiredString(field);
    return s == null ? null : checkId(field, s);
  }

  String optionalId(String field) {
    String s = optionalString(field);
    return s == null ? null : checkId(field, s);
  }

  private String checkId(String field, String s) {
    if (s.length() > MAX_ID_LENGTH) {
      return fail(field, s, "must be at most " + MAX_ID_LENGTH + " characters");
    }
    return hasControlCharacter(s) ? fail(field, s, "must not contain control characters") : s;
  }

  String requiredText(String field, int maxLength) {
    String s = requiredString(field);
    return s == null ? null : checkText(field, s, maxLength);
  }

  String optionalText(String field, int maxLength) {
    String s = optionalString(field);
    return s == null ? null : checkText(field, s, maxLength);
  }

  private String checkText(String field, String s, int maxLength) {
    if (s.length() > maxLength) {
      return fail(field, s, "must be at most " + maxLength + " characters");
    }
    return hasControlCharacter(s) ? fail(field, s, "must not contain control characters") : s;
  }

  /**
   * The caller's number. Its value never appears in a rejection: only its length does, because
   * rejections are stored and shown (personal data, 2013KT13).
   */
  String caller(String field) {
    if (failed()) {
      return null;
    }
    JsonValue v = values.get(field);
    if (v == null || v.isNull()) {
      return missing(field);
    }
    String masked = v.text() == null ? null : "(" + v.text().length() + " characters, masked)";
    if (!v.isString()) {
      return failMasked(field, masked, "must be a string, got " + v.typeName());
    }
    String s = v.text();
    if (s.isBlank()) {
      return failMasked(field, masked, "must not be empty");
    }
    if (s.length() > MAX_ID_LENGTH || hasControlCharacter(s)) {
      return failMasked(
          field, masked, "must be at most " + MAX_ID_LENGTH + " printable characters");
    }
    return s;
  }

  // ---- codes ----

  Line line(String field) {
    String s = requiredString(field);
    if (s == null) {
      return null;
    }
    return Line.ofNumber(s).orElseGet(() -> fail(field, s, "must be one of 12333, 12370, 12385"));
  }

  String center(String field, Regions regions) {
    String s = requiredString(field);
    if (s == null) {
      return null;
    }
    if (!isDigits(s, 6)) {
      return fail(field, s, "must be a 6-digit GB/T 2260 code");
    }
    if (!regions.isCenter(s)) {
      return fail(
          field, s, "is not a known centre code (GB/T 2260 prefecture-level city or province)");
    }
    return s;
  }

  String topic(String field, Topics topics) {
    String s = optionalString(field);
    if (s == null) {
      return null;
    }
    if (!isDigits(s, 2) && !isDigits(s, 4)) {
      return fail(field, s, "must be a 2- or 4-digit code of the topic table");
    }
    return topics.isKnown(s) ? s : fail(field, s, "is not in the topic code table");
  }

  EndReason endReason(String field) {
    String s = requiredString(field);
    if (s == null) {
      return null;
    }
    return EndReason.ofCode(s)
        .orElseGet(
            () ->
                fail(
                    field,
                    s,
                    "must be one of completed, caller_hangup, transferred, voicemail,"
                        + " out_of_hours, blocked, system"));
  }

  Sms.Direction direction(String field) {
    String s = requiredString(field);
    if (s == null) {
      return null;
    }
    return switch (s) {
      case "mo" -> Sms.Direction.MO;
      case "mt" -> Sms.Direction.MT;
      default -> fail(field, s, "must be mo (from the public) or mt (to the public)");
    };
  }

  Sms.Status smsStatus(String field) {
    String s = requiredString(field);
    if (s == null) {
      return null;
    }
    return switch (s) {
      case "delivered" -> Sms.Status.DELIVERED;
      case "failed" -> Sms.Status.FAILED;
      case "pending" -> Sms.Status.PENDING;
      default -> fail(field, s, "must be one of delivered, failed, pending");
    };
  }

  String sha256(String field) {
    String s = optionalString(field);
    if (s == null) {
      return null;
    }
    if (s.length() != 64 || !isHex(s)) {
      return fail(field, s, "must be 64 hexadecimal digits");
    }
    return s.toLowerCase(java.util.Locale.ROOT);
  }

  // ---- times and numbers ----

  /** Epoch milliseconds of a timestamp field; null when optional and absent or null. */
  Long time(String field, boolean required) {
    String s = required ? requiredString(field) : optionalString(field);
    if (s == null) {
      return null;
    }
    try {
      return Timestamps.parseMillis(s);
    } catch (Timestamps.InvalidTimestamp e) {
      return fail(field, s, e.getMessage());
    }
  }

  Integer satisfaction(String field) {
    Long v = integer(field, false, 1, 3);
    return v == null ? null : v.intValue();
  }

  Long integer(String field, boolean required, long min, long max) {
    if (failed()) {
      return null;
    }
    JsonValue v = values.get(field);
    if (v == null || v.isNull()) {
      return required ? missing(field) : null;
    }
    if (v.token() != JsonToken.VALUE_NUMBER_INT) {
      return fail(field, v.text(), "must be a whole number, got " + v.typeName());
    }
    long n;
    try {
      n = Long.parseLong(v.text());
    } catch (NumberFormatException e) {
      return fail(field, v.text(), "is out of range");
    }
    if (n < min || n > max) {
      String range = max == Long.MAX_VALUE ? "at least " + min : "between " + min + " and " + max;
      return fail(field, v.text(), "must be " + range);
    }
    return n;
  }

  // ---- basics ----

  private String requiredString(String field) {
    if (failed()) {
      return null;
    }
    JsonValue v = values.get(field);
    if (v == null || v.isNull()) {
      return missing(field);
    }
    if (!v.isString()) {
      return fail(field, v.text(), "must be a string, got " + v.typeName());
    }
    if (v.text().isEmpty()) {
      return fail(field, "", "must not be empty");
    }
    return v.text();
  }

  /** An optional string; absent, null and empty all mean "not given". */
  private String optionalString(String field) {
    if (failed()) {
      return null;
    }
    JsonValue v = values.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isString()) {
      return fail(field, v.text(), "must be a string or null, got " + v.typeName());
    }
    return v.text().isEmpty() ? null : v.text();
  }

  private <T> T missing(String field) {
    rejection = Rejection.missing(field);
    return null;
  }

  private <T> T fail(String field, String value, String rule) {
    rejection = Rejection.of(field, value, rule);
    return null;
  }

  private <T> T failMasked(String field, String masked, String rule) {
    rejection = new Rejection(field, masked, rule);
    return null;
  }

  private static boolean isDigits(String s, int length) {
    if (s.length() != length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      char c = s.charAt(i);
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

  private static boolean hasControlCharacter(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isISOControl(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }
}
