package io.hotline.schemas.events;

import java.util.Optional;

/** The three event types of the contract; the code is also the default Kafka topic name. */
public enum EventKind {
  CDR("cdr"),
  RECORDING("recording"),
  SMS("sms");

  private final String code;

  EventKind(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  public static Optional<EventKind> ofCode(String code) {
    for (EventKind k : values()) {
      if (k.code.equals(code)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }
}
