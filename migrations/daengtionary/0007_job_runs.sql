-- Runs of scheduled jobs (platform::jobs; the storage sweep when instances share this database): one row per job
-- and scheduled instant, inserted by the instance that claims the fire, so instances sharing this database run each
-- fire once. A run that never finished and whose lease ran out (its instance died) may be claimed again. Times are
-- microseconds (UTC).
CREATE TABLE job_run (
  job TEXT NOT NULL,
  fire_at BIGINT NOT NULL,
  holder TEXT NOT NULL,  -- host:pid:random of the claiming instance
  claimed_at BIGINT NOT NULL,
  lease_until BIGINT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 1,
  finished_at BIGINT,
  duration_micros BIGINT,
  outcome TEXT,  -- 'ok: <summary>' or 'failed: <reason>'
  PRIMARY KEY (job, fire_at)
);
