package io.hotline.jobs.functions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FingerprintSetTest {
  private static final int IDS = 300_000;

  @Test
  void eachIdIsNewOnceAcrossGrowth() {
    FingerprintSet set = new FingerprintSet(0);
    addsEachIdOnce(set);
    assertThat(set.capacity()).isEqualTo(1 << 20); // grown from 1 << 16
  }

  @Test
  void aSetSizedForItsMembersNeverGrows() {
    FingerprintSet set = new FingerprintSet(IDS);
    assertThat(set.capacity()).isEqualTo(1 << 20); // the least power of two of at least 600,000
    addsEachIdOnce(set);
    assertThat(set.capacity()).isEqualTo(1 << 20);
  }

  /** Each of {@link #IDS} ids is new the first time only, and counted once. */
  private static void addsEachIdOnce(FingerprintSet set) {
    for (int i = 0; i < IDS; i++) {
      long[] f = Fingerprint128.of("320100-20250314-12333-" + i);
      assertThat(set.add(f[0], f[1])).isTrue();
    }
    for (int i = 0; i < IDS; i += 997) {
      long[] f = Fingerprint128.of("320100-20250314-12333-" + i);
      assertThat(set.add(f[0], f[1])).isFalse();
    }
    assertThat(set.size()).isEqualTo(IDS);
  }

  @Test
  void theTableStaysAtMostHalfFull() {
    assertThat(FingerprintSet.slotsFor(0)).isEqualTo(1 << 16);
    assertThat(FingerprintSet.slotsFor(1 << 15)).isEqualTo(1 << 16);
    assertThat(FingerprintSet.slotsFor((1 << 15) + 1)).isEqualTo(1 << 17);
    assertThat(FingerprintSet.slotsFor(Long.MAX_VALUE)).isEqualTo(1 << 29);
    FingerprintSet set = new FingerprintSet(0);
    for (int i = 0; i <= 1 << 15; i++) {
      set.add(i + 1, i);
    }
    assertThat(set.capacity()).isEqualTo(1 << 17);
  }

  @Test
  void theZeroFingerprintIsStoredToo() {
    FingerprintSet set = new FingerprintSet(0);
    assertThat(set.add(0, 0)).isTrue();
    assertThat(set.add(0, 0)).isFalse();
  }

  @Test
  void fingerprintsOfSimilarIdsDifferInBothHalves() {
    Set<Long> highs = new HashSet<>();
    Set<Long> lows = new HashSet<>();
    for (int i = 0; i < 100_000; i++) {
      long[] f = Fingerprint128.of("c-" + i);
      highs.add(f[0]);
      lows.add(f[1]);
    }
    assertThat(highs).hasSize(100_000);
    assertThat(lows).hasSize(100_000);
  }

  @Test
  void everyTailLengthIsHashed() {
    // Ids of every length 0..40 differ from the same id with one more character.
    StringBuilder id = new StringBuilder();
    for (int len = 0; len < 40; len++) {
      long[] a = Fingerprint128.of(id.toString());
      id.append((char) ('a' + len % 26));
      long[] b = Fingerprint128.of(id.toString());
      assertThat(a).isNotEqualTo(b);
    }
  }
}
