-- The outcome of joining recordings to calls by call_id, one row per call or recording: matched,
-- matched but much shorter than the talk time (short_recording), an answered call without any
-- recording after the bounded wait (no_recording), or a recording whose call never came
-- (orphan). Calls that were neither answered nor recorded have no row. The key is the pair of
-- ids (recording_id empty for no_recording, call_id from the recording for an orphan), so a
-- replay replaces rows; day is the call's counting day (the recording's start for orphans),
-- which is the same on every replay, so copies share a partition.
CREATE TABLE IF NOT EXISTS recording_matches
(
    call_id      String,
    recording_id String,
    center       String,
    province     String,
    day          Date,
    at           DateTime('Asia/Shanghai'),
    outcome      String,
    answered     UInt8,
    talk_ms      Nullable(Int64),
    recording_ms Nullable(Int64),
    ingested_at  DateTime('Asia/Shanghai') DEFAULT now(),
    version      UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(day)
ORDER BY (center, day, call_id, recording_id);
