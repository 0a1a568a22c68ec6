package io.hotline.schemas.events;

import java.util.Arrays;
import java.util.Collection;
import java.util.function.Predicate;

/**
 * A fast path for checking short digit codes (centres, topics) against reference data: finds the
 * canonical String of a known code straight from the parser's characters, so a valid record needs
 * no new String and no hash map lookup for it. The reference data stays the authority: only codes
 * it accepted when the table was built are in the table, and a code not in the table is asked of it
 * again ({@link #isKnown}). Immutable and thread-safe.
 */
final class CodeTable {
  // Key = value * 16 + length, so "01" and "0001" differ; 8 digits keep it inside an int.
  private static final int MAX_DIGITS = 8;
  private static final int EMPTY = -1;

  private final Predicate<String> known;
  private final int[] keys;
  private final String[] codes;
  private final int mask;

  private CodeTable(Collection<String> candidates, Predicate<String> known) {
    this.known = known;
    int capacity = 16;
    while (capacity < candidates.size() * 2) {
      capacity <<= 1;
    }
    keys = new int[capacity];
    codes = new String[capacity];
    mask = capacity - 1;
    Arrays.fill(keys, EMPTY);
    for (String code : candidates) {
      if (code.length() <= MAX_DIGITS && isDigits(code) && known.test(code)) {
        insert(key(code), code);
      }
    }
  }

  /**
   * A table of those {@code candidates} that {@code known} accepts; {@code known} also answers for
   * codes not in the table.
   */
  static CodeTable of(Collection<String> candidates, Predicate<String> known) {
    return new CodeTable(candidates, known);
  }

  /** The canonical String of a known code spelled by {@code chars[from, from+length)}, or null. */
  String find(char[] chars, int from, int length) {
    if (length == 0 || length > MAX_DIGITS) {
      return null;
    }
    int value = 0;
    for (int i = from; i < from + length; i++) {
      char c = chars[i];
      if (c < '0' || c > '9') {
        return null;
      }
      value = value * 10 + (c - '0');
    }
    int key = value * 16 + length;
    for (int i = mix(key) & mask; keys[i] != EMPTY; i = (i + 1) & mask) {
      if (keys[i] == key) {
        return codes[i];
      }
    }
    return null;
  }

  /** Asks the reference data itself; for codes {@link #find} does not know. */
  boolean isKnown(String code) {
    return known.test(code);
  }

  private void insert(int key, String code) {
    int i = mix(key) & mask;
    while (keys[i] != EMPTY && keys[i] != key) {
      i = (i + 1) & mask;
    }
    keys[i] = key;
    codes[i] = code;
  }

  private static int key(String code) {
    return Integer.parseInt(code) * 16 + code.length();
  }

  private static int mix(int key) {
    int h = key * 0x9E3779B9;
    return h ^ (h >>> 16);
  }

  private static boolean isDigits(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
