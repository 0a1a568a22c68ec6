package io.hotline.jobs.functions;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A 128-bit fingerprint of an event id (MurmurHash3 x64 128), so that the batch twin can remember
 * every id it has seen in 16 bytes instead of a String. Two distinct ids share a fingerprint with
 * probability about n²/2¹²⁹ — for 10⁸ calls, 10⁻²³ — far below any other error source.
 */
public final class Fingerprint128 {
  private static final long C1 = 0x87c37b91114253d5L;
  private static final long C2 = 0x4cf5ad432745937fL;
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private Fingerprint128() {}

  /** The fingerprint of a string's UTF-8 bytes, as {high, low}. */
  public static long[] of(String id) {
    return of(id.getBytes(StandardCharsets.UTF_8));
  }

  static long[] of(byte[] data) {
    long h1 = 0;
    long h2 = 0;
    int len = data.length;
    int blocks = len / 16;
    for (int i = 0; i < blocks; i++) {
      long k1 = littleEndianLong(data, i * 16);
      long k2 = littleEndianLong(data, i * 16 + 8);
      h1 ^= mixK1(k1);
      h1 = Long.rotateLeft(h1, 27) + h2;
      h1 = h1 * 5 + 0x52dce729;
      h2 ^= mixK2(k2);
      h2 = Long.rotateLeft(h2, 31) + h1;
      h2 = h2 * 5 + 0x38495ab5;
    }
    int tail = blocks * 16;
    long k1 = 0;
    long k2 = 0;
    int rest = len & 15;
    for (int i = rest - 1; i >= 8; i--) {
      k2 ^= (long) (data[tail + i] & 0xff) << ((i - 8) * 8);
    }
    for (int i = Math.min(rest, 8) - 1; i >= 0; i--) {
      k1 ^= (long) (data[tail + i] & 0xff) << (i * 8);
    }
    if (rest > 8) {
      h2 ^= mixK2(k2);
    }
    if (rest > 0) {
      h1 ^= mixK1(k1);
    }
    h1 ^= len;
    h2 ^= len;
    h1 += h2;
    h2 += h1;
    h1 = fmix(h1);
    h2 = fmix(h2);
    h1 += h2;
    h2 += h1;
    return new long[] {h1, h2};
  }

  private static long mixK1(long k1) {
    return Long.rotateLeft(k1 * C1, 31) * C2;
  }

  private static long mixK2(long k2) {
    return Long.rotateLeft(k2 * C2, 33) * C1;
  }

  private static long fmix(long k) {
    k ^= k >>> 33;
    k *= 0xff51afd7ed558ccdL;
    k ^= k >>> 33;
    k *= 0xc4ceb9fe1a85ec53L;
    k ^= k >>> 33;
    return k;
  }

  private static long littleEndianLong(byte[] b, int at) {
    return (long) LONGS.get(b, at);
  }
}
