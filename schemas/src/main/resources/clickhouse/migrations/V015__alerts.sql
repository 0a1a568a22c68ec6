-- Live alerts, one row per alert: a condition of one centre (answer rate below target,
-- abandonment spike, topic surge, silence, overdue voicemail) from the minute it opened until it
-- cleared. The alert id is centre + rule + subject + opening minute, all event-time facts, so a
-- replay of the same events yields the same ids; the clearing row has a higher version and
-- replaces the opening one under FINAL. Not partitioned by time: an alert opened on the last day
-- of a month may clear in the next, and ReplacingMergeTree replaces only within a partition.
CREATE TABLE IF NOT EXISTS alerts
(
    alert_id    String,
    center      String,
    province    String,
    rule        String,
    subject     String,
    status      String,
    opened_at   DateTime('Asia/Shanghai'),
    cleared_at  Nullable(DateTime('Asia/Shanghai')),
    observed_at DateTime('Asia/Shanghai'),
    value       Float64,
    threshold   Float64,
    detail      String,
    ingested_at DateTime('Asia/Shanghai') DEFAULT now(),
    version     UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (province, center, alert_id);
