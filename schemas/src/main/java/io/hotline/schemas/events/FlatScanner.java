package io.hotline.schemas.events;

import com.fasterxml.jackson.core.JsonToken;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

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
  private static final VarHandle WORDS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGH_BITS = 0x8080808080808080L;
  private static final byte[] NULL = {'n', 'u', 'l', 'l'};
  private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
  private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};

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
      int slot;
      int nameEnd;
      // Producers write the contract's order: the name after the last one, with its closing quote,
      // is matched byte for byte and needs no other check (it is plain ASCII).
      if (expected < fields.size() && startsWith(b, nameStart, end, fields.closedName(expected))) {
        slot = expected;
        nameEnd = nameStart + fields.closedName(expected).length - 1;
      } else {
        nameEnd = plainStringEnd(b, nameStart, end);
        if (nameEnd < 0) {
          return false;
        }
        slot = slotOf(fields, b, nameStart, nameEnd - nameStart);
      }
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
      } else if (c == 'n' && isWord(b, i, end, NULL)) {
        r.putNull(slot);
        i += 4;
      } else if (c == 't' && isWord(b, i, end, TRUE)) {
        r.putAscii(slot, JsonToken.VALUE_TRUE, b, i, 4);
        i += 4;
      } else if (c == 'f' && isWord(b, i, end, FALSE)) {
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

  /**
   * The index of the closing quote of a string of printable ASCII without escapes, or -1. Eight
   * bytes at a time while none of them is a quote, a backslash, a control byte or outside printable
   * ASCII (ids and timestamps are 20–30 bytes); a word with any of them is looked at byte by byte.
   */
  private static int plainStringEnd(byte[] b, int i, int end) {
    for (; i + 8 <= end; i += 8) {
      long special = specialBytes((long) WORDS.get(b, i));
      if (special != 0) {
        int at = i + (Long.numberOfTrailingZeros(special) >>> 3);
        return b[at] == '"' ? at : -1;
      }
    }
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
   * The high bit of each byte of the little-endian word that may be a quote, a backslash, a control
   * byte or outside printable ASCII; 0 when all eight are plain. The lowest bit set always marks
   * such a byte (the tests may also flag plain bytes after it, through borrows).
   */
  private static long specialBytes(long w) {
    long quote = hasZeroByte(w ^ 0x2222222222222222L);
    long backslash = hasZeroByte(w ^ 0x5C5C5C5C5C5C5C5CL);
    long delete = hasZeroByte(w ^ 0x7F7F7F7F7F7F7F7FL);
    long control = (w - 0x2020202020202020L) & ~w; // a byte below 0x20 (the high bit: below)
    return (quote | backslash | delete | control | w) & HIGH_BITS;
  }

  /** A high bit set in the word where a byte of {@code x} may be zero (exact for the first). */
  private static long hasZeroByte(long x) {
    return (x - ONES) & ~x;
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
    return isDelimiter(b[j]) ? j : -1;
  }

  /** A literal followed by a delimiter. */
  private static boolean isWord(byte[] b, int i, int end, byte[] word) {
    int n = word.length;
    return i + n < end && startsWith(b, i, end, word) && isDelimiter(b[i + n]);
  }

  private static boolean isDelimiter(byte c) {
    return c == ',' || c == '}' || isSpace(c);
  }

  /** The slot of a known name, or -1. */
  private static int slotOf(FieldSet fields, byte[] b, int from, int length) {
    for (int s = 0; s < fields.size(); s++) {
      if (nameEquals(fields.name(s), b, from, length)) {
        return s;
      }
    }
    return -1;
  }

  /** Whether {@code b[from, end)} starts with {@code prefix}; eight bytes at a time. */
  private static boolean startsWith(byte[] b, int from, int end, byte[] prefix) {
    int n = prefix.length;
    if (end - from < n) {
      return false;
    }
    int k = 0;
    for (; k + 8 <= n; k += 8) {
      if ((long) WORDS.get(b, from + k) != (long) WORDS.get(prefix, k)) {
        return false;
      }
    }
    for (; k < n; k++) {
      if (b[from + k] != prefix[k]) {
        return false;
      }
    }
    return true;
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
