package io.hotline.launcher;

import picocli.CommandLine;

/** Prints {@link UserError}s as a plain sentence with exit code 2; anything else is a bug. */
final class UserErrorHandler implements CommandLine.IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(
      Exception ex, CommandLine commandLine, CommandLine.ParseResult parseResult) throws Exception {
    if (ex instanceof UserError) {
      commandLine.getErr().println("hotline: " + ex.getMessage());
      return 2;
    }
    throw ex;
  }
}
