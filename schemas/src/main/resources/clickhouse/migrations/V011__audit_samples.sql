-- The calls a draw sampled, one row each, with the stratum and the selection key (a keyed hash of
-- seed and call_id; within a stratum the calls with the smallest keys are taken), so anyone can
-- re-derive the sample from the calls table and see that it is the draw's rule applied as stated.
CREATE TABLE IF NOT EXISTS audit_samples
(
    draw_id       String,
    call_id       String,
    center        String,
    stratum       String,
    selection_key UInt64,
    recording_id  String
)
ENGINE = ReplacingMergeTree
ORDER BY (draw_id, center, call_id);
