package io.hotline.jobs.records;

import io.hotline.schemas.events.Cdr;
import io.hotline.schemas.events.EventKind;
import io.hotline.schemas.events.Recording;
import io.hotline.schemas.events.Sms;
import io.hotline.schemas.metrics.CallMeasures;

/**
 * One input record after parsing, as the sources emit it: exactly one of a valid (pseudonymised)
 * call, recording or short message, or a dead letter. Parsing happens in the source so that event
 * time, and with it the watermark, is assigned per Kafka partition.
 */
public record IngestRecord(
    EventKind kind, Origin origin, Cdr cdr, Recording recording, Sms sms, DeadLetter deadLetter) {

  /** Marks a dead letter's timestamp: it takes no part in event time. */
  public static final long NO_EVENT_TIME = Long.MIN_VALUE;

  public static IngestRecord of(Origin origin, Cdr cdr) {
    return new IngestRecord(EventKind.CDR, origin, cdr, null, null, null);
  }

  public static IngestRecord of(Origin origin, Recording recording) {
    return new IngestRecord(EventKind.RECORDING, origin, null, recording, null, null);
  }

  public static IngestRecord of(Origin origin, Sms sms) {
    return new IngestRecord(EventKind.SMS, origin, null, null, sms, null);
  }

  public static IngestRecord refused(DeadLetter deadLetter) {
    return new IngestRecord(deadLetter.kind(), deadLetter.origin(), null, null, null, deadLetter);
  }

  public boolean isValid() {
    return deadLetter == null;
  }

  /**
   * The event time used for windows and watermarks: for a call the instant it is counted in
   * (queued_at, else arrived_at), for a recording its start, for a message its sending time.
   */
  public long eventTimeMillis() {
    if (cdr != null) {
      return CallMeasures.countedAt(cdr).toEpochMilli();
    }
    if (recording != null) {
      return recording.startedAt().toEpochMilli();
    }
    if (sms != null) {
      return sms.sentAt().toEpochMilli();
    }
    return NO_EVENT_TIME;
  }
}
