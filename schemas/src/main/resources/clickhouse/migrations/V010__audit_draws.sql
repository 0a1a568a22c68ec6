-- One row per quality-audit draw (抽检): who may re-derive the sample needs the period, scope,
-- parameters, seed and the population of every centre and stratum at draw time. Strata are
-- month × hour band of the call's counted time; populations are answered calls with a recording
-- and enough talk time to judge. Immutable: a new draw gets a new draw_id.
CREATE TABLE IF NOT EXISTS audit_draws
(
    draw_id            String,
    period             String,
    scope              String,
    method             String,
    parameters         String,
    seed               Int64,
    form_version       String,
    centers            Array(String),
    center_population  Array(UInt64),
    center_sample      Array(UInt64),
    center_flag        Array(String),
    strata             Array(String),
    stratum_population Array(UInt64),
    stratum_sample     Array(UInt64),
    created_at         DateTime('Asia/Shanghai')
)
ENGINE = MergeTree
ORDER BY (period, draw_id);
