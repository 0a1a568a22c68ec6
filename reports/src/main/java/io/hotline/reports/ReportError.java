package io.hotline.reports;

/**
 * A report cannot be made, for a reason the person asking for it can act on (unknown region, a year
 * without data, an unwritable directory). The message is one plain sentence shown as is.
 */
public class ReportError extends RuntimeException {
  public ReportError(String message) {
    super(message);
  }

  public ReportError(String message, Throwable cause) {
    super(message, cause);
  }
}
