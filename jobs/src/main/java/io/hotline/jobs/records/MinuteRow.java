package io.hotline.jobs.records;

import io.hotline.schemas.metrics.CallCounts;
import java.time.Instant;

/**
 * The components of one minute × line × centre, as last computed. {@code version} grows with every
 * update of the minute (it is the number of calls counted so far), so the table keeps the newest
 * row and a replay that recomputes the same minute writes the same row again.
 *
 * @param lateEvents calls that arrived after the minute was first complete (within the allowed
 *     lateness) and updated it
 */
public record MinuteRow(
    Instant minute, String line, String center, CallCounts counts, long lateEvents, long version) {}
