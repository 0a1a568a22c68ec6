package io.hotline.jobs.records;

/** One line of an input file with its 1-based line number, for traceable dead letters. */
public record NumberedLine(long number, byte[] bytes) {}
