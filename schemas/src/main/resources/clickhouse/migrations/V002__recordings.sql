-- Recording metadata, one row per recording (the audio itself stays where uri points). Same
-- reasoning as calls: ReplacingMergeTree(version) plus FINAL absorbs duplicate deliveries and
-- replays; day comes from started_at so copies share a partition. The key leads with center
-- and day because coverage and audit sampling read one centre's recordings for a period.
CREATE TABLE IF NOT EXISTS recordings
(
    recording_id  String,
    call_id       String,
    center        String,
    province      String,
    agent_id      String,
    started_at    DateTime('Asia/Shanghai'),
    started_at_ms Int64,
    duration_ms   UInt64,
    uri           String,
    codec         String,
    bytes         Nullable(UInt64),
    sha256        String,
    day           Date DEFAULT toDate(started_at),
    source        String,
    ingested_at   DateTime('Asia/Shanghai') DEFAULT now(),
    version       UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(day)
ORDER BY (center, day, recording_id);
