package io.hotline.jobs.functions;

/**
 * A set of 128-bit fingerprints in one primitive array (open addressing, linear probing; the two
 * halves of a member side by side, so that a probe touches one cache line, not one in each of two
 * arrays), about 32 bytes per member at the worst load: the batch twin's memory of which calls it
 * has counted.
 */
final class FingerprintSet {
  private static final int SMALLEST = 1 << 16;
  // The largest table a long[] can hold: 2^30 longs, 2^29 slots.
  private static final int LARGEST = 1 << 29;

  // Slot i is halves[2i] (high) and halves[2i + 1] (low); (0, 0) marks an empty slot.
  private long[] halves;
  private int size;

  /**
   * A set sized for {@code expected} members from the start (0: the smallest table): growing copies
   * every member and, at the sizes of a national month, allocates arrays so large that each one
   * starts a collection.
   */
  FingerprintSet(long expected) {
    halves = new long[2 * slotsFor(expected)];
  }

  /** Adds a fingerprint; false if it was already there. */
  boolean add(long h, long l) {
    if (h == 0 && l == 0) {
      l = 1; // (0, 0) marks an empty slot
    }
    if (4 * (size + 1L) > halves.length) {
      grow();
    }
    int mask = (halves.length >>> 1) - 1;
    int i = (int) (h ^ (h >>> 32)) & mask;
    while (true) {
      long high = halves[2 * i];
      long low = halves[2 * i + 1];
      if (high == 0 && low == 0) {
        break;
      }
      if (high == h && low == l) {
        return false;
      }
      i = (i + 1) & mask;
    }
    halves[2 * i] = h;
    halves[2 * i + 1] = l;
    size++;
    return true;
  }

  int size() {
    return size;
  }

  /** Slots in the table, a power of two. */
  int capacity() {
    return halves.length >>> 1;
  }

  /** The smallest power of two that keeps {@code members} at a load of at most one half. */
  static int slotsFor(long members) {
    int slots = SMALLEST;
    while (slots < LARGEST && slots / 2 < members) {
      slots <<= 1;
    }
    return slots;
  }

  private void grow() {
    if (capacity() >= LARGEST) {
      throw new IllegalStateException(
          "more than " + LARGEST / 2 + " distinct ids in one partition");
    }
    long[] old = halves;
    halves = new long[old.length * 2];
    size = 0;
    for (int i = 0; i < old.length; i += 2) {
      if (old[i] != 0 || old[i + 1] != 0) {
        add(old[i], old[i + 1]);
      }
    }
  }
}
