-- Which version of the roll-up built a day (1 before calls_monthly existed). A day built by an
-- older roll-up is rebuilt even if its data did not change, so a new derived table fills itself.
ALTER TABLE rollup_days ADD COLUMN rollup_version UInt32 DEFAULT 1;
