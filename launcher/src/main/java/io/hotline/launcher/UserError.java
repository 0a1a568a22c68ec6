package io.hotline.launcher;

/**
 * A problem the user can fix (a bad argument, a missing server, an unwritable directory). The
 * launcher prints its message as one sentence and exits non-zero, without a stack trace.
 */
public final class UserError extends RuntimeException {
  public UserError(String message) {
    super(message);
  }

  public UserError(String message, Throwable cause) {
    super(message, cause);
  }
}
