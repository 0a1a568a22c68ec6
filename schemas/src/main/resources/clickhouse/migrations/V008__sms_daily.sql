-- Short messages per day × line × centre × direction × status, from sms FINAL, rebuilt with
-- calls_daily: messages and billed segments for the annual SMS usage report.
CREATE TABLE IF NOT EXISTS sms_daily
(
    day       Date,
    line      String,
    center    String,
    province  String,
    direction String,
    status    String,
    messages  UInt64,
    segments  UInt64,
    version   UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYear(day)
ORDER BY (line, province, center, day, direction, status);
