package io.hotline.jobs.privacy;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Replaces a caller's number by a keyed hash (HMAC-SHA256, first 128 bits in hex), so repeat
 * callers can be counted without anyone being able to recover or look up the number without the
 * secret. Digits are normalised first so {@code +86 138-0000-0000} and {@code 13800000000} are the
 * same caller.
 */
public final class CallerPseudonymizer implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Shortest secret accepted: an HMAC key shorter than this is guessable. */
  public static final int MIN_SECRET_LENGTH = 16;

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final byte[] secret;
  private transient Mac mac;

  public CallerPseudonymizer(String secret) {
    if (secret == null || secret.length() < MIN_SECRET_LENGTH) {
      throw new IllegalArgumentException(
          "the caller-hash secret must be at least " + MIN_SECRET_LENGTH + " characters long");
    }
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
  }

  /** The pseudonym of a caller number: 32 lowercase hex digits. */
  public String pseudonymOf(String caller) {
    byte[] digest = mac().doFinal(normalise(caller).getBytes(StandardCharsets.UTF_8));
    char[] out = new char[32];
    for (int i = 0; i < 16; i++) {
      out[2 * i] = HEX[(digest[i] >> 4) & 0xF];
      out[2 * i + 1] = HEX[digest[i] & 0xF];
    }
    return new String(out);
  }

  /** Keeps digits only and drops China's country code, so formatting does not split a caller. */
  static String normalise(String caller) {
    StringBuilder digits = new StringBuilder(caller.length());
    for (int i = 0; i < caller.length(); i++) {
      char c = caller.charAt(i);
      if (c >= '0' && c <= '9') {
        digits.append(c);
      }
    }
    if (digits.length() == 0) {
      return caller; // not a number at all (e.g. "anonymous"): hash it as it is
    }
    String d = digits.toString();
    if (d.startsWith("0086")) {
      return d.substring(4);
    }
    if (d.startsWith("86") && d.length() == 13) {
      return d.substring(2);
    }
    return d;
  }

  private Mac mac() {
    if (mac == null) {
      try {
        mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
      }
    }
    return mac;
  }
}
