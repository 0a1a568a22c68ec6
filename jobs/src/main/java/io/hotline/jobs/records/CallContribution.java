package io.hotline.jobs.records;

import io.hotline.schemas.metrics.CallMeasures;

/**
 * One valid call reduced to what the batch twin needs after parsing: the fingerprint of its id (to
 * drop repeated deliveries), its group, and its measures — a fraction of the record's size, so the
 * shuffle between parsing and counting stays cheap.
 */
public record CallContribution(
    long idHigh,
    long idLow,
    GroupKey key,
    CallMeasures measures,
    Integer satisfaction,
    boolean namesRecording) {}
