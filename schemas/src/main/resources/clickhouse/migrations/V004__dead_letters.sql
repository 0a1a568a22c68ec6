-- Input that broke the contract, with the reason and the raw text (masked by the writer). The
-- key is the input position (topic partition and offset, or file and line number with partition
-- -1), so replaying the same input replaces rows instead of adding them. There is deliberately
-- no time partition: received_at changes on a replay, and ReplacingMergeTree only replaces rows
-- within one partition.
CREATE TABLE IF NOT EXISTS dead_letters
(
    received_at DateTime('Asia/Shanghai'),
    kind        String,
    source      String,
    `partition` Int32,
    `offset`    Int64,
    reason      String,
    field       String,
    raw         String,
    version     UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (kind, source, `partition`, `offset`);
