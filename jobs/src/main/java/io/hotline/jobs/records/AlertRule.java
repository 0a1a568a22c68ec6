package io.hotline.jobs.records;

import java.util.Locale;

/** The conditions the live alerts watch for, per centre; thresholds are in the job's options. */
public enum AlertRule {
  /** Answer rate over the last minutes of service hours below the target. */
  ANSWER_RATE_LOW("接通率低于目标"),
  /** Abandonment rate over the last minutes well above the usual and above a floor. */
  ABANDONMENT_SPIKE("放弃率突增"),
  /** One topic's share of the last hour's calls several times its share of the previous days. */
  TOPIC_SURGE("话题激增"),
  /** No events from the centre for a while during service hours. */
  CENTER_SILENT("中心无数据"),
  /** Voicemail messages not called back within three working days. */
  VOICEMAIL_OVERDUE("留言超期未回复");

  private final String label;

  // Computed once: the alert rules ask for it at every evaluation of every centre.
  private final String code;

  AlertRule(String label) {
    this.label = label;
    this.code = name().toLowerCase(Locale.ROOT);
  }

  /** The name stored in {@code alerts.rule}, e.g. {@code answer_rate_low}. */
  public String code() {
    return code;
  }

  /** The Chinese label the dashboard shows. */
  public String label() {
    return label;
  }
}
