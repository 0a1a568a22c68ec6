package io.hotline.schemas.events;

import java.time.Instant;

/** Metadata of one call recording; the product keeps the reference ({@code uri}), never audio. */
public record Recording(
    String recordingId,
    String callId,
    String center,
    String agentId,
    Instant startedAt,
    long durationMs,
    String uri,
    String codec,
    Long bytes,
    String sha256) {

  public String province() {
    return center.substring(0, 2) + "0000";
  }
}
