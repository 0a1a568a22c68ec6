package io.hotline.jobs.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CallerPseudonymizerTest {
  private final CallerPseudonymizer p = new CallerPseudonymizer("a-test-secret-of-32-characters!!");

  @Test
  void sameNumberSamePseudonym_formattingIgnored() {
    String plain = p.pseudonymOf("13800000000");
    assertThat(plain).hasSize(32).matches("[0-9a-f]{32}").doesNotContain("13800000000");
    assertThat(p.pseudonymOf("+86 138-0000-0000")).isEqualTo(plain);
    assertThat(p.pseudonymOf("008613800000000")).isEqualTo(plain);
  }

  @Test
  void differentNumbersOrSecretsDiffer() {
    assertThat(p.pseudonymOf("13800000001")).isNotEqualTo(p.pseudonymOf("13800000000"));
    assertThat(
            new CallerPseudonymizer("another-secret-of-enough-length").pseudonymOf("13800000000"))
        .isNotEqualTo(p.pseudonymOf("13800000000"));
  }

  @Test
  void shortSecretIsRefused() {
    assertThatThrownBy(() -> new CallerPseudonymizer("short"))
        .hasMessage("the caller-hash secret must be at least 16 characters long");
  }

  @Test
  void rawMaskingHidesCallerFieldAndPhoneNumbersAnywhere() {
    String raw =
        "{\"caller\":\"13800000000\",\"call_id\":\"x\",\"note\":\"call back 021-5555 or"
            + " 13912345678\",\"agent\":\"02155556666\"}";
    String masked = RawMasking.mask(raw);
    assertThat(masked).doesNotContain("13800000000", "13912345678", "02155556666");
    assertThat(masked).contains("\"caller\":\"***\"", "\"call_id\":\"x\"");
  }

  @Test
  void rawMaskingHidesNumericCaller() {
    assertThat(RawMasking.mask("{\"caller\": 13800000000, \"line\":\"12333\"}"))
        .isEqualTo("{\"caller\": \"***\", \"line\":\"12333\"}");
  }
}
