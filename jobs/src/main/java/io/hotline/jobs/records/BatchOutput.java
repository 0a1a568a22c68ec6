package io.hotline.jobs.records;

import io.hotline.schemas.metrics.CallCounts;

/**
 * What the batch twin hands back to its client, one stream so one collect serves all: a partial sum
 * of a group (one per group and task; the client adds them up), a dead letter with its line number
 * within its file range, the number of lines of a file range (to make those line numbers
 * file-wide), or a count of dropped repeats.
 *
 * @param group the group's number ({@code Grouping.codeOf}), for {@link Kind#GROUP}
 * @param range the file range, for {@link Kind#DEAD_LETTER} and {@link Kind#LINES}
 * @param count lines of the range, or repeats dropped
 */
public record BatchOutput(
    Kind kind, long group, CallCounts counts, int range, DeadLetter deadLetter, long count) {

  /** Which of the four a record is. */
  public enum Kind {
    GROUP,
    DEAD_LETTER,
    LINES,
    DUPLICATES
  }

  public static BatchOutput group(long group, CallCounts counts) {
    return new BatchOutput(Kind.GROUP, group, counts, -1, null, 0);
  }

  public static BatchOutput deadLetter(int range, DeadLetter d) {
    return new BatchOutput(Kind.DEAD_LETTER, 0, null, range, d, 0);
  }

  public static BatchOutput lines(int range, long count) {
    return new BatchOutput(Kind.LINES, 0, null, range, null, count);
  }

  public static BatchOutput duplicates(long count) {
    return new BatchOutput(Kind.DUPLICATES, 0, null, -1, null, count);
  }
}
