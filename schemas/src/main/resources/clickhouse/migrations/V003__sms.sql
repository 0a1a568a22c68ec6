-- Short messages on the hotlines' SMS numbers, one row per sms_id; ReplacingMergeTree(version)
-- plus FINAL so duplicates and replays do not double count the annual SMS usage report. day
-- comes from sent_at so copies share a partition.
CREATE TABLE IF NOT EXISTS sms
(
    sms_id      String,
    line        String,
    center      String,
    province    String,
    direction   String,
    sent_at     DateTime('Asia/Shanghai'),
    sent_at_ms  Int64,
    day         Date DEFAULT toDate(sent_at),
    segments    UInt32,
    status      String,
    source      String,
    ingested_at DateTime('Asia/Shanghai') DEFAULT now(),
    version     UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(day)
ORDER BY (line, center, day, sms_id);
