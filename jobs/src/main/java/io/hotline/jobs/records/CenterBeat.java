package io.hotline.jobs.records;

/**
 * A sign of life from a centre: any valid event (call, recording, message) with its event time. The
 * silence alert watches these.
 */
public record CenterBeat(String center, long eventTimeMillis) {}
