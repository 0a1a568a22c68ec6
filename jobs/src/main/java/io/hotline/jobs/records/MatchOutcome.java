package io.hotline.jobs.records;

import java.util.Locale;

/** What the join of recordings with calls found for one call or recording. */
public enum MatchOutcome {
  /** The call and its recording both arrived. */
  MATCHED,
  /** Both arrived, but the recording is much shorter than the call's talk time. */
  SHORT_RECORDING,
  /** An answered call that got no recording within the join's wait. */
  NO_RECORDING,
  /** A recording whose call did not arrive within the join's wait. */
  ORPHAN;

  /** The name stored in {@code recording_matches.outcome}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
