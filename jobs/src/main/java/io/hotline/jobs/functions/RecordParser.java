package io.hotline.jobs.functions;

import io.hotline.jobs.privacy.CallerPseudonymizer;
import io.hotline.jobs.privacy.RawMasking;
import io.hotline.jobs.records.DeadLetter;
import io.hotline.jobs.records.IngestRecord;
import io.hotline.jobs.records.Origin;
import io.hotline.schemas.events.Cdr;
import io.hotline.schemas.events.EventKind;
import io.hotline.schemas.events.EventParser;
import io.hotline.schemas.events.ParseResult;
import io.hotline.schemas.events.Recording;
import io.hotline.schemas.events.Rejection;
import io.hotline.schemas.events.Sms;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Turns the raw bytes of one input record into an {@link IngestRecord}: validated with the shared
 * {@link EventParser}, the caller's number replaced by its pseudonym at once (the raw number goes
 * no further than this method), or a dead letter with masked raw text. Used by the Kafka and the
 * file sources alike, so both paths apply identical rules.
 */
public final class RecordParser implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Raw text longer than this is cut in dead letters; the reason says how long it was. */
  static final int MAX_STORED_RAW_CHARS = 16 * 1024;

  /** Replaces callers' numbers; null when they are dropped instead. */
  private final CallerPseudonymizer pseudonymizer;

  public RecordParser(CallerPseudonymizer pseudonymizer) {
    this.pseudonymizer = pseudonymizer;
  }

  /** A parser that blanks callers' numbers, for computations that never need them. */
  public static RecordParser droppingCallers() {
    return new RecordParser(null);
  }

  public IngestRecord parse(EventKind kind, Origin origin, byte[] utf8, Instant receivedAt) {
    if (kind == null) {
      return refused(
          null,
          origin,
          utf8,
          receivedAt,
          new Rejection("(record)", null, "comes from an unknown source"));
    }
    return switch (kind) {
      case CDR -> cdr(origin, utf8, receivedAt);
      case RECORDING -> recording(origin, utf8, receivedAt);
      case SMS -> sms(origin, utf8, receivedAt);
    };
  }

  /**
   * A record its reader cut short because it is longer than the parser accepts; {@code head} is its
   * beginning, {@code length} its full size in bytes.
   */
  public IngestRecord oversized(
      EventKind kind, Origin origin, byte[] head, long length, Instant receivedAt) {
    return refused(
        kind,
        origin,
        head,
        length,
        receivedAt,
        new Rejection(
            "(record)",
            null,
            "is "
                + length
                + " bytes, over the limit of "
                + EventParser.MAX_RECORD_BYTES
                + " bytes"));
  }

  private IngestRecord cdr(Origin origin, byte[] utf8, Instant receivedAt) {
    ParseResult<Cdr> r = EventParser.standard().parseCdr(utf8);
    if (!r.isValid()) {
      return refused(EventKind.CDR, origin, utf8, receivedAt, r.rejection());
    }
    Cdr cdr = r.event();
    String caller = pseudonymizer == null ? "" : pseudonymizer.pseudonymOf(cdr.caller());
    return IngestRecord.of(origin, cdr.withCaller(caller));
  }

  private IngestRecord recording(Origin origin, byte[] utf8, Instant receivedAt) {
    ParseResult<Recording> r = EventParser.standard().parseRecording(utf8);
    return r.isValid()
        ? IngestRecord.of(origin, r.event())
        : refused(EventKind.RECORDING, origin, utf8, receivedAt, r.rejection());
  }

  private IngestRecord sms(Origin origin, byte[] utf8, Instant receivedAt) {
    ParseResult<Sms> r = EventParser.standard().parseSms(utf8);
    return r.isValid()
        ? IngestRecord.of(origin, r.event())
        : refused(EventKind.SMS, origin, utf8, receivedAt, r.rejection());
  }

  private static IngestRecord refused(
      EventKind kind, Origin origin, byte[] utf8, Instant receivedAt, Rejection rejection) {
    return refused(kind, origin, utf8, utf8.length, receivedAt, rejection);
  }

  private static IngestRecord refused(
      EventKind kind,
      Origin origin,
      byte[] utf8,
      long length,
      Instant receivedAt,
      Rejection rejection) {
    // Invalid UTF-8 is shown with replacement characters: the text is for people to read.
    String raw = new String(utf8, StandardCharsets.UTF_8);
    if (raw.length() > MAX_STORED_RAW_CHARS || length > utf8.length) {
      raw =
          raw.substring(0, Math.min(raw.length(), MAX_STORED_RAW_CHARS))
              + "…(cut, "
              + length
              + " bytes)";
    }
    return IngestRecord.refused(
        new DeadLetter(
            kind,
            origin,
            rejection.field(),
            // The reason quotes the offending value, and a caller's number can sit in any field
            // of a shuffled record: mask it there as in the raw text.
            RawMasking.mask(rejection.message()),
            RawMasking.mask(raw),
            receivedAt));
  }
}
