package io.hotline.schemas.events;

import java.util.Optional;

/** The hotline numbers the product serves. */
public enum Line {
  L12333("12333"),
  L12370("12370"),
  L12385("12385");

  private final String number;

  Line(String number) {
    this.number = number;
  }

  /** The number as dialled and as written in events and tables, e.g. {@code "12333"}. */
  public String number() {
    return number;
  }

  public static Optional<Line> ofNumber(String number) {
    for (Line line : values()) {
      if (line.number.equals(number)) {
        return Optional.of(line);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return number;
  }
}
