-- Calls per day × line × centre × topic code (as classified by the agent; '' = not classified),
-- from calls FINAL, rebuilt with calls_daily. Both levels of the code table come from this one
-- table: a sub-category's category is its first two digits (topic_category).
CREATE TABLE IF NOT EXISTS topics_daily
(
    day            Date,
    line           String,
    center         String,
    province       String,
    topic          String,
    topic_category String,
    calls          UInt64,
    answered       UInt64,
    version        UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYear(day)
ORDER BY (line, province, center, day, topic);
