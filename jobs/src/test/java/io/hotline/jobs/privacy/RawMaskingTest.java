package io.hotline.jobs.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Phone numbers in refused records' text are masked however they are written. */
class RawMaskingTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "13912345678",
        "139-1234-5678",
        "139 1234 5678",
        "+86 139 1234 5678",
        "+8613912345678",
        "0086-13912345678",
        "010-12345678",
        "0755 12345678",
        "02112345678"
      })
  void phoneNumbersInAnyFieldAreMasked(String number) {
    String raw = "{\"center\": \"" + number + "\", \"queue\": \"x " + number + " y\"}";
    assertThat(RawMasking.mask(raw))
        .isEqualTo("{\"center\": \"***\", \"queue\": \"x *** y\"}")
        .doesNotContain(number);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2025-03-14T09:00:00.000+08:00",
        "320100",
        "1741914000000",
        "call-41-1234",
        "12333",
        "ab12cd34"
      })
  void otherValuesAreLeftAlone(String value) {
    String raw = "{\"x\": \"" + value + "\"}";
    assertThat(RawMasking.mask(raw)).isEqualTo(raw);
  }
}
