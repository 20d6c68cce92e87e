-- The coordinator's home at national scale: this month's counts (modules/home/home.others.ts, monthPersons) read the
-- persons of the cases opened this month and the cases of this month's positive decisions from indexes alone, not
-- from thousands of table rows on every read. Plain SQL accepted by PostgreSQL 15 and later and PGlite. Depends on 0003.

-- Cases by opening with their person (cases opened this month: the persons counted).
CREATE INDEX cases_opened_person_idx ON cases (opened_at, person_id);
COMMENT ON INDEX cases_opened_person_idx IS 'Home: the persons of the cases opened since a date, from the index alone';

-- Positive status decisions by date with their case (positive decisions this month).
CREATE INDEX status_decisions_positive_decided_idx ON status_decisions (decided_at, case_id) WHERE outcome = 'positive';
COMMENT ON INDEX status_decisions_positive_decided_idx IS 'Home: the cases of the positive decisions taken since a date, from the index alone';
