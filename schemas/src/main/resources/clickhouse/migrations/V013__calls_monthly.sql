-- Per month × line × centre, the same components as calls_daily summed over the month's days;
-- rebuilt with calls_daily, month by month, by the daily roll-up. Year-long dashboard views read
-- twelve rows a centre here instead of 365 (the wait histograms' sumMap dominates such queries).
CREATE TABLE IF NOT EXISTS calls_monthly
(
    month               Date,
    line                String,
    center              String,
    province            String,
    total_inbound       UInt64,
    ivr_only            UInt64,
    offered             UInt64,
    answered            UInt64,
    abandoned           UInt64,
    short_abandoned     UInt64,
    out_of_hours        UInt64,
    voicemail           UInt64,
    blocked             UInt64,
    answered_within_15s UInt64,
    answered_within_20s UInt64,
    sat_1               UInt64,
    sat_2               UInt64,
    sat_3               UInt64,
    recorded_answered   UInt64,
    answered_wait_ms    UInt64,
    abandoned_wait_ms   UInt64,
    talk_ms             UInt64,
    wait_hist_seconds   Array(UInt16),
    wait_hist_calls     Array(UInt64),
    recordings_matched  UInt64,
    late_calls          UInt64,
    version             UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYear(month)
ORDER BY (line, province, center, month);
