package io.hotline.jobs.records;

import io.hotline.schemas.ChinaTime;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One outcome of joining recordings to calls by {@code call_id}, a row of {@code
 * recording_matches}. Every field comes from the events themselves, so a replay writes the same
 * row.
 *
 * @param recordingId empty for {@link MatchOutcome#NO_RECORDING}
 * @param at the call's counting instant; the recording's start for orphans
 * @param talkMs the call's talk time, null when unknown (orphans) or not answered
 * @param recordingMs the recording's duration, null without a recording
 */
public record CallMatch(
    String callId,
    String recordingId,
    String center,
    Instant at,
    MatchOutcome outcome,
    boolean answered,
    Long talkMs,
    Long recordingMs) {

  /** The call's counting day in China; the recording's start day for orphans. */
  public LocalDate day() {
    return ChinaTime.day(at);
  }

  public String province() {
    return center.substring(0, 2) + "0000";
  }
}
