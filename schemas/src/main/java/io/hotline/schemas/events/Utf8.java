package io.hotline.schemas.events;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Strict UTF-8 checking of raw input (RFC 3629): Jackson's decoder lets overlong forms (the classic
 * {@code C0 AF} for '/') and encoded surrogates through, and never looks at the bytes of a field it
 * skips, so the parser checks the whole record first. ASCII, nearly all input, is checked eight
 * bytes at a time (a few per cent of the time parsing takes).
 */
final class Utf8 {
  private static final VarHandle WORDS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private Utf8() {}

  /** The index of the first byte that is not well-formed UTF-8, or -1 when all are. */
  static int firstInvalidByte(byte[] b) {
    return firstInvalidByte(b, 0, b.length);
  }

  /**
   * The same for the bytes {@code b[offset, offset+length)}, a record within a reader's buffer: the
   * index counts from {@code offset}, so it is the one a copy of the range would give.
   */
  static int firstInvalidByte(byte[] b, int offset, int length) {
    int bad = firstInvalidIndex(b, offset, offset + length);
    return bad < 0 ? -1 : bad - offset;
  }

  /** The index in {@code b} of the first bad byte of {@code b[from, end)}, or -1. */
  private static int firstInvalidIndex(byte[] b, int from, int end) {
    int i = from;
    while (i < end) {
      // Eight ASCII bytes at a time: no byte of the word has its high bit set.
      while (i + 8 <= end && ((long) WORDS.get(b, i) & 0x8080808080808080L) == 0) {
        i += 8;
      }
      if (i == end) {
        break;
      }
      int c = b[i];
      if (c >= 0) {
        i++;
        continue;
      }
      int lead = c & 0xFF;
      int length;
      int min; // smallest second byte allowed: rules out overlong forms
      int max; // largest second byte allowed: rules out surrogates and code points > U+10FFFF
      if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
        min = 0x80;
        max = 0xBF;
      } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        min = lead == 0xE0 ? 0xA0 : 0x80;
        max = lead == 0xED ? 0x9F : 0xBF;
      } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        min = lead == 0xF0 ? 0x90 : 0x80;
        max = lead == 0xF4 ? 0x8F : 0xBF;
      } else {
        return i;
      }
      if (i + length > end) {
        return i;
      }
      int second = b[i + 1] & 0xFF;
      if (second < min || second > max) {
        return i;
      }
      for (int k = 2; k < length; k++) {
        if ((b[i + k] & 0xC0) != 0x80) {
          return i;
        }
      }
      i += length;
    }
    return -1;
  }
}
