package io.hotline.jobs.records;

/**
 * One line of an input file with its 1-based line number, for traceable dead letters.
 *
 * @param bytes the line, or only its beginning when it is longer than any valid record
 * @param length the line's full length in bytes
 */
public record NumberedLine(long number, byte[] bytes, long length) {
  public NumberedLine(long number, byte[] bytes) {
    this(number, bytes, bytes.length);
  }

  /** Whether the reader kept only the beginning of the line. */
  public boolean isCut() {
    return length > bytes.length;
  }
}
