package io.hotline.schemas.events;

/**
 * Why an input record was refused: the field, the offending value as received (shortened, and
 * masked for the caller's number), and the rule it breaks. Goes to the dead-letter store.
 *
 * @param field the JSON field, or {@code (record)} when the record as a whole is unusable
 * @param value the value as received, {@code null} when the field is missing
 * @param rule the contract rule, in words a person can act on
 */
public record Rejection(String field, String value, String rule) {

  static final int MAX_SHOWN_VALUE = 80;

  /** One line for people: {@code answered_at = "2025-…": must not be before queued_at}. */
  public String message() {
    String shown = value == null ? "(missing)" : '"' + value + '"';
    return field + " = " + shown + ": " + rule;
  }

  static Rejection of(String field, String value, String rule) {
    return new Rejection(field, shorten(value), rule);
  }

  static Rejection missing(String field) {
    return new Rejection(field, null, "is required");
  }

  static Rejection record(String rule) {
    return new Rejection("(record)", null, rule);
  }

  private static String shorten(String value) {
    if (value == null || value.length() <= MAX_SHOWN_VALUE) {
      return value;
    }
    return value.substring(0, MAX_SHOWN_VALUE) + "…(" + value.length() + " chars)";
  }

  @Override
  public String toString() {
    return message();
  }
}
