-- The caseworker's worklist at national scale (measured with 100,000 synthetic cases, packages/server/bench/cases.ts).
-- The list reads cases newest first (ORDER BY opened_at DESC, id) under the access filter, optionally by stage or
-- overdue decision, LIMIT 50. Without an index in that order PostgreSQL reads every case of the stage, joins every
-- person and sorts (about 250 ms at 100,000 cases); with one, it walks the index newest first and stops at the 50th
-- visible case (about 2 ms). Plain SQL accepted by PostgreSQL 15 and later and PGlite. Depends on 0003.

CREATE INDEX cases_stage_opened_idx ON cases (stage, opened_at DESC, id);
COMMENT ON INDEX cases_stage_opened_idx IS 'Worklist filtered by stage, newest first (listCases with stage)';

CREATE INDEX cases_opened_idx ON cases (opened_at DESC, id);
COMMENT ON INDEX cases_opened_idx IS 'Worklist without a stage filter, newest first (listCases; also search results by recency)';

CREATE INDEX cases_due_opened_idx ON cases (opened_at DESC, id) WHERE decision_due_at IS NOT NULL;
COMMENT ON INDEX cases_due_opened_idx IS 'Overdue worklist: only cases waiting for a decision have a due date (listCases with overdue=true)';
