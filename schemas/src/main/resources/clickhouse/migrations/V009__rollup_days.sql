-- The daily roll-up's ledger: for each day, a fingerprint of the source rows it was built from
-- (row count, a sum over an event-time column, and the newest ingestion time, per source table).
-- A day whose fingerprint in calls/recordings/sms differs from the ledger has changed (late data,
-- a replay, a merge of duplicates) and its month is rebuilt; an unchanged day is not read again.
-- data_ingested_max is what reports print as the data cut-off time.
CREATE TABLE IF NOT EXISTS rollup_days
(
    day                 Date,
    calls_rows          UInt64,
    calls_time_sum      Int64,
    recordings_rows     UInt64,
    recordings_time_sum Int64,
    sms_rows            UInt64,
    sms_time_sum        Int64,
    data_ingested_max   DateTime('Asia/Shanghai'),
    rolled_up_at        DateTime('Asia/Shanghai'),
    version             UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY day;
