-- Additive per-minute components per line and centre; every ratio is computed at read time from
-- sums of these (统一口径). A window is always rewritten whole with a higher version, so
-- ReplacingMergeTree(version) read with FINAL gives the latest complete row per (line, center,
-- minute) and a restarted or replayed job cannot add a minute twice (SummingMergeTree would).
-- The wait histogram is sparse: wait_hist_seconds[k] is a whole number of seconds s (0 … 600, 600
-- meaning 600 s and more) and wait_hist_calls[k] the answered calls whose wait was in [s, s+1).
-- Most minutes hold a handful of calls, so a dense 601-element array would dominate the table;
-- sumMap(wait_hist_seconds, wait_hist_calls) adds histograms up for any roll-up.
CREATE TABLE IF NOT EXISTS metrics_minute
(
    minute              DateTime('Asia/Shanghai'),
    day                 Date DEFAULT toDate(minute),
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
    late_events         UInt64,
    sat_1               UInt64,
    sat_2               UInt64,
    sat_3               UInt64,
    recorded_answered   UInt64,
    answered_wait_ms    UInt64,
    abandoned_wait_ms   UInt64,
    talk_ms             UInt64,
    wait_hist_seconds   Array(UInt16),
    wait_hist_calls     Array(UInt32),
    version             UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(day)
ORDER BY (line, center, minute);
