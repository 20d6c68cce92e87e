-- Possible-duplicate checks across organisations without disclosure. A check runs from an open case of the user's own
-- organisation and tells only whether a possible duplicate exists elsewhere. Every check is a row here: the limit per
-- user is counted in the database (so it holds across server processes), and a request to confirm names the check it
-- follows. The requesting side learns which organisation holds the person only when that organisation accepts.

CREATE TABLE match_checks (
  id uuid PRIMARY KEY,
  case_id uuid NOT NULL CONSTRAINT match_checks_case_fk REFERENCES cases (id),
  organisation_id uuid NOT NULL CONSTRAINT match_checks_organisation_fk REFERENCES organisations (id),
  checked_by uuid NOT NULL CONSTRAINT match_checks_checked_by_fk REFERENCES users (id),
  checked_at timestamptz NOT NULL,
  outcome text NOT NULL,
  CONSTRAINT match_checks_outcome_known CHECK (outcome IN ('possible_duplicate', 'none', 'refused_over_limit'))
);
CREATE INDEX match_checks_user_idx ON match_checks (checked_by, checked_at);
CREATE INDEX match_checks_case_idx ON match_checks (case_id, checked_at);
COMMENT ON TABLE match_checks IS 'Every possible-duplicate check: who ran it, from which case, and its outcome (a possible duplicate elsewhere or none, never where); checks refused over the per-user limit are kept too, for the alert';
COMMENT ON COLUMN match_checks.outcome IS 'possible_duplicate: another organisation probably holds the same person; none; refused_over_limit: the user had run the most checks allowed in the window';

ALTER TABLE match_requests ADD COLUMN match_check_id uuid CONSTRAINT match_requests_check_fk REFERENCES match_checks (id);
COMMENT ON COLUMN match_requests.match_check_id IS 'The check this request to confirm followed; one request per organisation holding a possible duplicate, all from one check';
CREATE INDEX match_requests_case_idx ON match_requests (requesting_case_id);

-- The holding organisation accepts (confirmed_same_person: the requester then learns which organisation it is) or
-- declines (the requester learns nothing). The two older answers stay valid for rows written before.
ALTER TABLE match_requests DROP CONSTRAINT match_requests_status_known;
ALTER TABLE match_requests ADD CONSTRAINT match_requests_status_known
  CHECK (status IN ('pending', 'confirmed_same_person', 'declined', 'not_the_same_person', 'cannot_say'));
