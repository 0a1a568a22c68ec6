-- Calls per day × line × province × topic code: topics_daily summed over each province's centres,
-- rebuilt with it by the daily roll-up. Province and national topic trends read this table, about
-- a tenth of topics_daily's rows; a city's trends read topics_daily.
CREATE TABLE IF NOT EXISTS topics_province_daily
(
    day            Date,
    line           String,
    province       String,
    topic          String,
    topic_category String,
    calls          UInt64,
    answered       UInt64,
    version        UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYear(day)
ORDER BY (line, province, day, topic);
