package io.hotline.schemas.events;

import com.fasterxml.jackson.core.JsonToken;

/**
 * The parser's first pass: a scanner for the record shape producers write — one flat object of
 * known names with ASCII string values free of escapes, plain whole numbers, true, false or null —
 * that fills the {@link FieldReader}'s slots with exactly what Jackson would put there, without
 * creating a Jackson parser (whose set-up costs more than the scan). It never decides a record is
 * bad: anything else — an unknown or repeated name, an escape, a non-ASCII or control byte, a
 * fraction, an exponent, nesting, an empty object, text after the object — makes it give up, and
 * the Jackson passes read the record from scratch and decide.
 */
final class FlatScanner {
  private FlatScanner() {}

  /**
   * Fills the reader from {@code b[from, from+length)}; false when the record is left to Jackson.
   */
  static boolean scan(byte[] b, int from, int length, FieldReader r) {
    FieldSet fields = r.fields();
    int end = from + length;
    int i = skipSpace(b, from, end);
    if (i >= end || b[i] != '{') {
      return false;
    }
    int expected = 0;
    i = skipSpace(b, i + 1, end);
    while (true) {
      // a name
      if (i >= end || b[i] != '"') {
        return false;
      }
      int nameStart = i + 1;
      int nameEnd = plainStringEnd(b, nameStart, end);
      if (nameEnd < 0) {
        return false;
      }
      int slot = slotOf(fields, b, nameStart, nameEnd - nameStart, expected);
      if (slot < 0 || r.has(slot)) {
        return false;
      }
      i = skipSpace(b, nameEnd + 1, end);
      if (i >= end || b[i] != ':') {
        return false;
      }
      i = skipSpace(b, i + 1, end);
      if (i >= end) {
        return false;
      }
      // its value
      byte c = b[i];
      if (c == '"') {
        int valueEnd = plainStringEnd(b, i + 1, end);
        if (valueEnd < 0) {
          return false;
        }
        r.putAscii(slot, JsonToken.VALUE_STRING, b, i + 1, valueEnd - i - 1);
        i = valueEnd + 1;
      } else if (c == '-' || (c >= '0' && c <= '9')) {
        int numberEnd = plainIntegerEnd(b, i, end);
        if (numberEnd < 0) {
          return false;
        }
        r.putAscii(slot, JsonToken.VALUE_NUMBER_INT, b, i, numberEnd - i);
        i = numberEnd;
      } else if (isWord(b, i, end, "null")) {
        r.putNull(slot);
        i += 4;
      } else if (isWord(b, i, end, "true")) {
        r.putAscii(slot, JsonToken.VALUE_TRUE, b, i, 4);
        i += 4;
      } else if (isWord(b, i, end, "false")) {
        r.putAscii(slot, JsonToken.VALUE_FALSE, b, i, 5);
        i += 5;
      } else {
        return false;
      }
      expected = slot + 1;
      // a comma and the next name, or the end
      i = skipSpace(b, i, end);
      if (i >= end) {
        return false;
      }
      if (b[i] == ',') {
        i = skipSpace(b, i + 1, end);
        continue;
      }
      if (b[i] != '}') {
        return false;
      }
      return skipSpace(b, i + 1, end) == end;
    }
  }

  /** The index of the closing quote of a string of printable ASCII without escapes, or -1. */
  private static int plainStringEnd(byte[] b, int i, int end) {
    for (; i < end; i++) {
      byte c = b[i];
      if (c == '"') {
        return i;
      }
      if (c < 0x20 || c == '\\' || c == 0x7F) { // bytes over 0x7F are negative
        return -1;
      }
    }
    return -1;
  }

  /**
   * The end of {@code -?(0|[1-9][0-9]*)} of at most 18 digits followed by a delimiter (so Jackson
   * would read the same whole number), or -1.
   */
  private static int plainIntegerEnd(byte[] b, int i, int end) {
    int start = b[i] == '-' ? i + 1 : i;
    int j = start;
    while (j < end && b[j] >= '0' && b[j] <= '9') {
      j++;
    }
    int digits = j - start;
    if (digits == 0 || digits > 18 || (b[start] == '0' && digits > 1) || j >= end) {
      return -1;
    }
    byte next = b[j];
    return next == ',' || next == '}' || isSpace(next) ? j : -1;
  }

  /** A literal followed by a delimiter. */
  private static boolean isWord(byte[] b, int i, int end, String word) {
    int n = word.length();
    if (i + n >= end) {
      return false;
    }
    for (int k = 0; k < n; k++) {
      if (b[i + k] != word.charAt(k)) {
        return false;
      }
    }
    byte next = b[i + n];
    return next == ',' || next == '}' || isSpace(next);
  }

  /** The slot of a known name, trying the one after the last first (producers keep the order). */
  private static int slotOf(FieldSet fields, byte[] b, int from, int length, int expected) {
    if (expected < fields.size() && nameEquals(fields.name(expected), b, from, length)) {
      return expected;
    }
    for (int s = 0; s < fields.size(); s++) {
      if (nameEquals(fields.name(s), b, from, length)) {
        return s;
      }
    }
    return -1;
  }

  private static boolean nameEquals(String name, byte[] b, int from, int length) {
    if (name.length() != length) {
      return false;
    }
    for (int k = 0; k < length; k++) {
      if (b[from + k] != name.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  private static int skipSpace(byte[] b, int i, int end) {
    while (i < end && isSpace(b[i])) {
      i++;
    }
    return i;
  }

  // JSON's white space, the only kind Jackson accepts between tokens.
  private static boolean isSpace(byte c) {
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
  }
}
