package io.hotline.schemas.events;

import java.util.Locale;
import java.util.Optional;

/** How a call ended, as the ACD/IVR platform reports it ({@code end_reason}). */
public enum EndReason {
  COMPLETED,
  CALLER_HANGUP,
  TRANSFERRED,
  VOICEMAIL,
  OUT_OF_HOURS,
  /** No trunk or queue capacity: the caller could not get in. */
  BLOCKED,
  SYSTEM;

  /** The contract's spelling, e.g. {@code caller_hangup}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<EndReason> ofCode(String code) {
    for (EndReason r : values()) {
      if (r.code().equals(code)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }
}
