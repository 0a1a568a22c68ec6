package io.hotline.schemas.metrics;

/**
 * The additive components of SMS usage for one group (a month of a province, a year of the nation):
 * messages and billed segments by direction, and the delivery outcome of outgoing messages. Groups
 * merge by adding; the delivery rate is defined here once.
 */
public final class SmsCounts {
  /** Messages from the public to the hotline (上行). */
  public long moMessages;

  public long moSegments;

  /** Messages from the hotline to the public (下行). */
  public long mtMessages;

  public long mtSegments;
  public long mtDelivered;
  public long mtFailed;
  public long mtPending;

  /**
   * Adds messages of one direction and status, as stored per day in {@code sms_daily}.
   *
   * @param direction {@code mo} or {@code mt}
   * @param status {@code delivered}, {@code failed} or {@code pending}
   */
  public SmsCounts add(String direction, String status, long messages, long segments) {
    if ("mo".equals(direction)) {
      moMessages += messages;
      moSegments += segments;
      return this;
    }
    mtMessages += messages;
    mtSegments += segments;
    switch (status) {
      case "delivered" -> mtDelivered += messages;
      case "failed" -> mtFailed += messages;
      default -> mtPending += messages;
    }
    return this;
  }

  public SmsCounts merge(SmsCounts o) {
    moMessages += o.moMessages;
    moSegments += o.moSegments;
    mtMessages += o.mtMessages;
    mtSegments += o.mtSegments;
    mtDelivered += o.mtDelivered;
    mtFailed += o.mtFailed;
    mtPending += o.mtPending;
    return this;
  }

  public long messages() {
    return moMessages + mtMessages;
  }

  public long segments() {
    return moSegments + mtSegments;
  }

  /**
   * 下行送达率: delivered / (delivered + failed) of outgoing messages. Pending messages have no outcome
   * yet, so they are left out of both sides (and reported as a count); null when no outgoing
   * message has an outcome.
   */
  public Double deliveryRate() {
    long decided = mtDelivered + mtFailed;
    return decided == 0 ? null : (double) mtDelivered / decided;
  }
}
