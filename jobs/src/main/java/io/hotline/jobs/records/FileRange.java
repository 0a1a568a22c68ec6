package io.hotline.jobs.records;

/**
 * One reader's share of an input file: the lines that start at a byte offset in {@code [from, to)}.
 * The batch twin cuts a file into such ranges so that several tasks read and parse it at once.
 *
 * @param index the range's position in the file, 0 first; line numbers are counted per range and
 *     made file-wide by adding the lines of the ranges before it
 */
public record FileRange(String path, int index, long from, long to) {}
