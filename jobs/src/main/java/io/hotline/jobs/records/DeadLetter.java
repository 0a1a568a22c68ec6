package io.hotline.jobs.records;

import io.hotline.schemas.events.EventKind;
import java.time.Instant;

/**
 * A refused input record: what it was meant to be, where it came from, why it was refused, and its
 * raw text with personal data masked.
 *
 * @param kind the event type expected from the source, or null if unknown
 * @param field the field the rejection names, {@code (record)} for the record as a whole
 */
public record DeadLetter(
    EventKind kind,
    Origin origin,
    String field,
    String reason,
    String rawMasked,
    Instant receivedAt) {}
