package io.hotline.schemas.events;

/**
 * Either a valid event or the reason it was refused; never both, never neither.
 *
 * @param <T> the event type
 */
public final class ParseResult<T> {
  private final T event;
  private final Rejection rejection;

  private ParseResult(T event, Rejection rejection) {
    this.event = event;
    this.rejection = rejection;
  }

  public static <T> ParseResult<T> valid(T event) {
    return new ParseResult<>(event, null);
  }

  public static <T> ParseResult<T> rejected(Rejection rejection) {
    return new ParseResult<>(null, rejection);
  }

  public boolean isValid() {
    return event != null;
  }

  /** The event; throws if the input was rejected. */
  public T event() {
    if (event == null) {
      throw new IllegalStateException("rejected input has no event: " + rejection.message());
    }
    return event;
  }

  /** The rejection; throws if the input was valid. */
  public Rejection rejection() {
    if (rejection == null) {
      throw new IllegalStateException("valid input has no rejection");
    }
    return rejection;
  }

  @Override
  public String toString() {
    return isValid() ? "valid " + event : "rejected: " + rejection.message();
  }
}
