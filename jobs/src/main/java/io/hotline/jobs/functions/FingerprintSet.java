package io.hotline.jobs.functions;

/**
 * A set of 128-bit fingerprints in two primitive arrays (open addressing, linear probing), about 32
 * bytes per member at the worst load: the batch twin's memory of which calls it has counted.
 */
final class FingerprintSet {
  private long[] high = new long[1 << 16];
  private long[] low = new long[1 << 16];
  private int size;

  /** Adds a fingerprint; false if it was already there. */
  boolean add(long h, long l) {
    if (h == 0 && l == 0) {
      l = 1; // (0, 0) marks an empty slot
    }
    if (2 * (size + 1) > high.length) {
      grow();
    }
    int mask = high.length - 1;
    int i = (int) (h ^ (h >>> 32)) & mask;
    while (high[i] != 0 || low[i] != 0) {
      if (high[i] == h && low[i] == l) {
        return false;
      }
      i = (i + 1) & mask;
    }
    high[i] = h;
    low[i] = l;
    size++;
    return true;
  }

  int size() {
    return size;
  }

  private void grow() {
    long[] oldHigh = high;
    long[] oldLow = low;
    high = new long[oldHigh.length * 2];
    low = new long[oldLow.length * 2];
    size = 0;
    for (int i = 0; i < oldHigh.length; i++) {
      if (oldHigh[i] != 0 || oldLow[i] != 0) {
        add(oldHigh[i], oldLow[i]);
      }
    }
  }
}
