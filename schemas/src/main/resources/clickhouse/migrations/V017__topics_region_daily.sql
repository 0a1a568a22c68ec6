-- Calls per day × line × region × topic code, for the regions above a centre: each province
-- (topics_daily summed over its centres) and the nation (region 000000, summed over all). Rebuilt
-- with topics_daily by the daily roll-up. National and province topic trends read a handful of
-- rows a day here instead of one per centre; a city's trends read topics_daily.
CREATE TABLE IF NOT EXISTS topics_region_daily
(
    day            Date,
    line           String,
    region         String,
    topic          String,
    topic_category String,
    calls          UInt64,
    answered       UInt64,
    version        UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYear(day)
ORDER BY (line, region, day, topic);
