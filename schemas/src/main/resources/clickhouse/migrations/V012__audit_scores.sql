-- Auditors' scores, one row per call and import. Re-importing a corrected workbook adds rows with
-- a newer imported_at; the current score of a call is its latest import (argMax), and earlier ones
-- stay as the history. item_values are the form's answer codes in the form's item order.
CREATE TABLE IF NOT EXISTS audit_scores
(
    draw_id      String,
    import_id    String,
    call_id      String,
    center       String,
    form_version String,
    item_ids     Array(String),
    item_values  Array(String),
    score        Nullable(Float64),
    failed       UInt8,
    auditor      String,
    remark       String,
    imported_at  DateTime('Asia/Shanghai'),
    imported_ms  Int64
)
ENGINE = MergeTree
ORDER BY (draw_id, call_id, imported_ms);
