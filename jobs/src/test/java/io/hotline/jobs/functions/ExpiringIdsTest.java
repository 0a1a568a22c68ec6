package io.hotline.jobs.functions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ExpiringIdsTest {
  private record Fingerprint(long high, long low) {}

  @Test
  void anEmptyTableKnowsNothingAndSweepsToNothing() {
    ExpiringIds ids = new ExpiringIds(null);

    assertThat(ids.expiryOf(1, 2)).isEqualTo(ExpiringIds.ABSENT);
    assertThat(ids.dropExpired(0)).isEqualTo(Long.MAX_VALUE);
    assertThat(ids.size()).isZero();
  }

  @Test
  void theZeroFingerprintIsStoredLikeAnyOther() {
    ExpiringIds ids = new ExpiringIds(null);
    ids.put(0, 0, 100);

    assertThat(ids.expiryOf(0, 0)).isEqualTo(100);
    assertThat(ids.size()).isEqualTo(1);
  }

  /**
   * Puts, overwrites and sweeps against a map. Fingerprints share a few homes, so runs of filled
   * slots are long and wrap around the end of the table: the in-place deletion must keep every id
   * that is left reachable.
   */
  @Test
  void randomPutsAndSweepsAgreeWithAMap() {
    for (long seed = 1; seed <= 20; seed++) {
      Random random = new Random(seed);
      ExpiringIds ids = new ExpiringIds(null);
      Map<Fingerprint, Long> expected = new HashMap<>();
      long now = 0;
      for (int step = 0; step < 5_000; step++) {
        if (random.nextInt(50) == 0) {
          now += random.nextInt(100);
          long earliest = ids.dropExpired(now);
          long finalNow = now;
          expected.values().removeIf(expiry -> expiry <= finalNow);
          assertThat(earliest)
              .isEqualTo(expected.values().stream().mapToLong(e -> e).min().orElse(Long.MAX_VALUE));
        } else {
          // Homes near the end of the table and at its start: runs that wrap around.
          long high =
              List.of(0L, 1L, 2L, -1L, -2L, 13L).get(random.nextInt(6)) + (random.nextInt(4) << 20);
          Fingerprint f = new Fingerprint(high, random.nextInt(400) + 1);
          long expiry = now + 1 + random.nextInt(500);
          ids.put(f.high(), f.low(), expiry);
          expected.put(f, expiry);
        }
        assertThat(ids.size()).as("seed %d step %d", seed, step).isEqualTo(expected.size());
      }
      for (var e : expected.entrySet()) {
        assertThat(ids.expiryOf(e.getKey().high(), e.getKey().low()))
            .as("seed %d", seed)
            .isEqualTo(e.getValue());
      }
      assertThat(ids.expiryOf(7, 9999)).isEqualTo(ExpiringIds.ABSENT);
    }
  }

  @Test
  void aSweptTableShrinksAndKeepsItsSweepTime() {
    ExpiringIds ids = new ExpiringIds(null);
    for (int i = 1; i <= 1_000; i++) {
      ids.put(i * 0x9E3779B97F4A7C15L, i, i <= 990 ? 10 : 20);
    }
    ids.sweepAt(15);
    int grown = ids.table().length;

    assertThat(ids.dropExpired(10)).isEqualTo(20);
    assertThat(ids.size()).isEqualTo(10);
    assertThat(ids.table().length).isLessThan(grown);
    assertThat(ids.sweepAt()).isEqualTo(15);
    assertThat(ids.expiryOf(995 * 0x9E3779B97F4A7C15L, 995)).isEqualTo(20);
  }
}
