package io.hotline.dashboards.auth;

/** What a user may see. */
public enum Role {
  /** Everything, nationwide. */
  MINISTRY,
  /** Its province and the province's cities only. */
  PROVINCE,
  /** The audit samples and bulletins of its scope. */
  AUDITOR,
  /** Stack health, no call data. */
  OPERATOR
}
