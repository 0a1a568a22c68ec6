package io.hotline.schemas.events;

import java.time.Instant;

/** One short message on a hotline's SMS number, from the public (MO) or to it (MT). */
public record Sms(
    String smsId,
    Line line,
    String center,
    Direction direction,
    Instant sentAt,
    int segments,
    Status status) {

  /** Who sent the message: {@code mo} from the public, {@code mt} to the public. */
  public enum Direction {
    MO,
    MT;

    public String code() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** Delivery state reported by the SMS gateway. */
  public enum Status {
    DELIVERED,
    FAILED,
    PENDING;

    public String code() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public String province() {
    return center.substring(0, 2) + "0000";
  }
}
