-- One row per valid call, caller pseudonymised. Upstream delivers at least once and the jobs can
-- replay Kafka, so the same call may be written more than once: ReplacingMergeTree(version) keeps
-- the row with the highest version per sorting key, and readers use FINAL (or argMax) so a
-- duplicate never counts twice. call_id is last in the key so rows of one line and centre and
-- day sit together for the dashboards' scans; day is derived from event time, so every copy of a
-- call lands in the same monthly partition (replacement only happens within a partition).
-- Times are whole seconds (18.16 has no sub-second time type); the *_ms columns keep exact epoch
-- milliseconds for waits and audits.
CREATE TABLE IF NOT EXISTS calls
(
    call_id         String,
    line            String,
    center          String,
    province        String,
    caller_hash     String,
    arrived_at      DateTime('Asia/Shanghai'),
    queued_at       Nullable(DateTime('Asia/Shanghai')),
    answered_at     Nullable(DateTime('Asia/Shanghai')),
    ended_at        DateTime('Asia/Shanghai'),
    arrived_at_ms   Int64,
    queued_at_ms    Nullable(Int64),
    answered_at_ms  Nullable(Int64),
    ended_at_ms     Int64,
    counted_at      DateTime('Asia/Shanghai'),
    day             Date DEFAULT toDate(counted_at),
    end_reason      String,
    queue           String,
    agent_id        String,
    topic           String,
    topic_category  String,
    satisfaction    Nullable(UInt8),
    recording_id    String,
    ivr_only        UInt8,
    offered         UInt8,
    answered        UInt8,
    abandoned       UInt8,
    short_abandoned UInt8,
    out_of_hours    UInt8,
    voicemail       UInt8,
    blocked         UInt8,
    wait_ms         Nullable(UInt32),
    talk_ms         Nullable(UInt32),
    late            UInt8,
    source          String,
    ingested_at     DateTime('Asia/Shanghai') DEFAULT now(),
    version         UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(day)
ORDER BY (line, center, day, call_id);
