package io.hotline.schemas.events;

/**
 * Strict UTF-8 checking of raw input (RFC 3629): Jackson's decoder lets overlong forms (the classic
 * {@code C0 AF} for '/') and encoded surrogates through, and never looks at the bytes of a field it
 * skips, so the parser checks the whole record first. ASCII, nearly all input, costs one comparison
 * per byte.
 */
final class Utf8 {
  private Utf8() {}

  /** The index of the first byte that is not well-formed UTF-8, or -1 when all are. */
  static int firstInvalidByte(byte[] b) {
    int i = 0;
    int n = b.length;
    while (i < n) {
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
      if (i + length > n) {
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
