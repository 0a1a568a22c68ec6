package io.hotline.schemas.reference;

/**
 * Thrown when a bundled reference file is missing or malformed; the message names the file and line
 * so that a bad edit to the data is found at once rather than as a wrong number later.
 */
public final class ReferenceDataException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ReferenceDataException(String message) {
    super(message);
  }

  public ReferenceDataException(String message, Throwable cause) {
    super(message, cause);
  }
}
