-- Per day × line × centre, the same additive components as metrics_minute, summed from calls
-- FINAL, so late calls (stored in calls after their minute closed) are included: the annual
-- report and other long-range readers need every valid call, and a year of minutes is nearly as
-- many rows as a year of calls. Rebuilt month by month by the daily roll-up whenever the calls,
-- recordings or SMS of a day change (see rollup_days); each rebuild writes a higher version, so
-- readers use FINAL. recordings_matched counts answered calls that have a row in recordings (the
-- contract's recording coverage); hour_of_day/hour_inbound give the day's inbound calls by clock
-- hour (UTC+8), sparse like the wait histogram, for peak-hour questions.
CREATE TABLE IF NOT EXISTS calls_daily
(
    day                 Date,
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
    hour_of_day         Array(UInt8),
    hour_inbound        Array(UInt64),
    version             UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYear(day)
ORDER BY (line, province, center, day);
