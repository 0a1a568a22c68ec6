package io.hotline.jobs.functions;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The fingerprint is MurmurHash3 x64 128 with seed 0: published values, one shorter than a block
 * and one over two blocks, so that a faster way of reading the bytes cannot change which ids the
 * batch twin counts as the same.
 */
class Fingerprint128Test {

  @Test
  void isMurmurHash3() {
    assertThat(Fingerprint128.of("hello"))
        .containsExactly(0xcbd8a7b341bd9b02L, 0x5b1e906a48ae1d19L);
    assertThat(Fingerprint128.of("The quick brown fox jumps over the lazy dog"))
        .containsExactly(0xe34bbc7bbc071b6cL, 0x7a433ca9c49a9347L);
  }

  @Test
  void theEmptyIdIsZero() {
    assertThat(Fingerprint128.of("")).containsExactly(0L, 0L);
  }
}
