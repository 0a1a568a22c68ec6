package io.hotline.jobs.functions;

/**
 * The ids one bucket of {@link DeduplicateById} has seen, each as a 128-bit {@link Fingerprint128}
 * with the event time at which it is forgotten: an open-addressing hash table (linear probing, at
 * most half full) laid out in one {@code long[]}, so that Flink keeps and checkpoints it with its
 * own primitive-array serializer, and copies it with one array copy when a checkpoint is running.
 *
 * <p>Layout: {@code [0]} the number of ids, {@code [1]} the time of the bucket's pending sweep
 * timer (0 when none), then one slot of three longs per id: high and low half of the fingerprint
 * and the expiry. A slot of fingerprint (0, 0) is empty; the fingerprint (0, 0) itself is stored as
 * (0, 1), which merges it with one other id in 2¹²⁸.
 *
 * <p>This class is a view: it changes the array in place until the table must grow, so a caller
 * always stores {@link #table()} back.
 */
final class ExpiringIds {
  private static final int HEADER = 2;
  private static final int SLOT = 3;
  private static final int MIN_CAPACITY = 16;

  /** Returned by {@link #expiryOf} for an id that is not in the table. */
  static final long ABSENT = Long.MIN_VALUE;

  private long[] table;

  ExpiringIds(long[] table) {
    this.table = table == null ? emptyTable(MIN_CAPACITY) : table;
  }

  long[] table() {
    return table;
  }

  int size() {
    return (int) table[0];
  }

  /** When the bucket's sweep timer fires; 0 when it has none. */
  long sweepAt() {
    return table[1];
  }

  void sweepAt(long at) {
    table[1] = at;
  }

  /** The expiry stored for a fingerprint, or {@link #ABSENT}. */
  long expiryOf(long high, long low) {
    low = storedLow(high, low);
    int i = find(table, high, low);
    return isEmpty(table, i) ? ABSENT : table[i + 2];
  }

  /** Stores a fingerprint with its expiry, replacing the expiry if it is already there. */
  void put(long high, long low, long expiry) {
    low = storedLow(high, low);
    int i = find(table, high, low);
    if (isEmpty(table, i)) {
      if (2 * (size() + 1) > capacity(table)) {
        table = copyInto(emptyTable(capacity(table) * 2), table);
        i = find(table, high, low);
      }
      table[i] = high;
      table[i + 1] = low;
      table[0]++;
    }
    table[i + 2] = expiry;
  }

  /**
   * Forgets every id whose expiry is at or before {@code now}, in place (a sweep used to rebuild
   * the table, which copied every id about eight times in its life); a table left at less than an
   * eighth full is rebuilt a quarter full.
   *
   * @return the earliest expiry left, or {@link Long#MAX_VALUE} when the table is empty
   */
  long dropExpired(long now) {
    int mask = capacity(table) - 1;
    // Starting after an empty slot, no run of filled slots is entered in its middle, and a run is
    // only ever shifted within itself: every slot is looked at once after its run has settled.
    int start = emptySlot();
    long earliest = Long.MAX_VALUE;
    for (int n = 1; n <= mask; n++) {
      int slot = (start + n) & mask;
      int i = HEADER + SLOT * slot;
      while (!isEmpty(table, i) && table[i + 2] <= now) {
        remove(slot);
      }
      if (!isEmpty(table, i)) {
        earliest = Math.min(earliest, table[i + 2]);
      }
    }
    if (capacity(table) > MIN_CAPACITY && 8 * size() < capacity(table)) {
      int capacity = MIN_CAPACITY;
      while (capacity < 4 * size()) {
        capacity *= 2;
      }
      table = copyInto(emptyTable(capacity), table);
    }
    return earliest;
  }

  private int emptySlot() {
    for (int slot = 0; ; slot++) {
      if (isEmpty(table, HEADER + SLOT * slot)) {
        return slot;
      }
    }
  }

  /**
   * Empties a slot and shifts later ids of its run back into the hole where their probe sequence
   * allows (linear probing's deletion without markers), so every id stays reachable from its home.
   */
  private void remove(int hole) {
    int mask = capacity(table) - 1;
    for (int j = (hole + 1) & mask; ; j = (j + 1) & mask) {
      int at = HEADER + SLOT * j;
      if (isEmpty(table, at)) {
        break;
      }
      int home = home(table[at], mask);
      // An id may not move before its home: it stays if its home lies cyclically in (hole, j].
      boolean stays = hole <= j ? hole < home && home <= j : hole < home || home <= j;
      if (!stays) {
        System.arraycopy(table, at, table, HEADER + SLOT * hole, SLOT);
        hole = j;
      }
    }
    int at = HEADER + SLOT * hole;
    table[at] = 0;
    table[at + 1] = 0;
    table[at + 2] = 0;
    table[0]--;
  }

  private static long[] emptyTable(int capacity) {
    return new long[HEADER + SLOT * capacity];
  }

  private static int capacity(long[] table) {
    return (table.length - HEADER) / SLOT;
  }

  /** The low half as stored: (0, 0) marks an empty slot, so that fingerprint is kept as (0, 1). */
  private static long storedLow(long high, long low) {
    return high == 0 && low == 0 ? 1 : low;
  }

  private static int home(long high, int mask) {
    return (int) (high ^ (high >>> 32)) & mask;
  }

  private static boolean isEmpty(long[] table, int i) {
    return table[i] == 0 && table[i + 1] == 0;
  }

  /** The slot holding the fingerprint, or the empty slot where it belongs. */
  private static int find(long[] table, long high, long low) {
    int mask = capacity(table) - 1;
    int slot = home(high, mask);
    while (true) {
      int i = HEADER + SLOT * slot;
      if (isEmpty(table, i) || (table[i] == high && table[i + 1] == low)) {
        return i;
      }
      slot = (slot + 1) & mask;
    }
  }

  /** Copies every id of {@code from}, and its sweep time, into the empty table {@code to}. */
  private static long[] copyInto(long[] to, long[] from) {
    to[1] = from[1];
    for (int i = HEADER; i < from.length; i += SLOT) {
      if (!isEmpty(from, i)) {
        int j = find(to, from[i], from[i + 1]);
        to[j] = from[i];
        to[j + 1] = from[i + 1];
        to[j + 2] = from[i + 2];
        to[0]++;
      }
    }
    return to;
  }
}
