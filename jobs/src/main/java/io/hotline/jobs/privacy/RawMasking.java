package io.hotline.jobs.privacy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks personal data in the raw text of refused records before it is stored as a dead letter or
 * logged: the value of any {@code caller} field, and anything elsewhere that looks like a Chinese
 * mobile or fixed-line number (a refused record may be refused precisely because its fields are
 * shuffled, so the caller's number can sit in any field).
 */
public final class RawMasking {
  private static final Pattern CALLER_FIELD =
      Pattern.compile("(\"caller\"\\s*:\\s*)(\"(?:[^\"\\\\]|\\\\.)*\"|[-+0-9.eE]+)");
  // Mobile numbers (1 + 10 digits, also written 139-1234-5678 or 139 1234 5678) and fixed lines
  // (area code 0xx or 0xxx, then 7 or 8 digits, with or without a dash or space between), not
  // inside longer digit runs, optionally after +86 / 0086: callers' platforms write all of these,
  // and the pseudonymiser accepts them.
  private static final Pattern PHONE_LIKE =
      Pattern.compile(
          "(?<![0-9])(?:(?:\\+|00)?86[-\\s]?)?"
              + "(?:1[3-9][0-9](?:[-\\s]?[0-9]{4}){2}|0[1-9][0-9]{1,2}[-\\s]?[0-9]{7,8})"
              + "(?![0-9])");

  /** Shown in place of a masked value. */
  public static final String MASK = "***";

  private RawMasking() {}

  public static String mask(String raw) {
    Matcher field = CALLER_FIELD.matcher(raw);
    String withoutCaller = field.replaceAll("$1\"" + MASK + "\"");
    return PHONE_LIKE.matcher(withoutCaller).replaceAll(MASK);
  }
}
