-- Cross-border requests attached to an investigation: mutual legal assistance, extradition, Interpol notices, Europol
-- requests and joint investigation teams; who asked whom, when, for what, where it stands, when answered, on what
-- grounds refused. Elapsed days and the overdue flag are computed when read (the days per kind are the vocabulary's,
-- contracts vocabularies/proceedings.ts crossBorderOverdueDays). Read and written by the recording agency's
-- investigators and the prosecutors of the office the investigation was referred to. Plain SQL for PostgreSQL 15 and
-- later and PGlite. Depends on 0033 (investigations).

CREATE TABLE cross_border_requests (
  id uuid PRIMARY KEY,
  reference text NOT NULL CONSTRAINT cross_border_requests_reference_unique UNIQUE,
  investigation_id uuid NOT NULL CONSTRAINT cross_border_requests_investigation_fk REFERENCES prosecution_investigations (id),
  kind text NOT NULL,
  direction text NOT NULL,
  requesting_country text NOT NULL,
  requested_country text NOT NULL,
  sent_on date NOT NULL,
  asks text[] NOT NULL,
  status text NOT NULL DEFAULT 'sent',
  acknowledged_on date,
  answered_on date,
  closed_on date,
  refusal_grounds text[] NOT NULL DEFAULT '{}',
  recorded_by uuid NOT NULL CONSTRAINT cross_border_requests_recorded_by_fk REFERENCES users (id),
  organisation_id uuid NOT NULL CONSTRAINT cross_border_requests_organisation_fk REFERENCES organisations (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT cross_border_requests_kind_known CHECK (kind IN ('mutual_legal_assistance', 'extradition', 'interpol_notice', 'europol_request', 'joint_investigation_team')),
  CONSTRAINT cross_border_requests_direction_known CHECK (direction IN ('outgoing', 'incoming')),
  CONSTRAINT cross_border_requests_status_known CHECK (status IN ('sent', 'acknowledged', 'answered', 'refused', 'withdrawn')),
  CONSTRAINT cross_border_requests_countries CHECK (requesting_country ~ '^[A-Z]{2}$' AND requested_country ~ '^[A-Z]{2}$' AND requesting_country <> requested_country),
  CONSTRAINT cross_border_requests_asks CHECK (cardinality(asks) > 0),
  CONSTRAINT cross_border_requests_answer_after_sent CHECK ((answered_on IS NULL OR answered_on >= sent_on) AND (acknowledged_on IS NULL OR acknowledged_on >= sent_on) AND (closed_on IS NULL OR closed_on >= sent_on)),
  CONSTRAINT cross_border_requests_refusal_grounds CHECK (status = 'refused' OR cardinality(refusal_grounds) = 0)
);
CREATE INDEX cross_border_requests_investigation_idx ON cross_border_requests (investigation_id, sent_on);
CREATE INDEX cross_border_requests_open_idx ON cross_border_requests (sent_on) WHERE status IN ('sent', 'acknowledged');
COMMENT ON TABLE cross_border_requests IS 'Mutual legal assistance, extradition, Interpol, Europol and joint investigation team requests of an investigation; overdue computed from the vocabulary''s days per kind';
COMMENT ON COLUMN cross_border_requests.answered_on IS 'The date the answer arrived (answered); a refusal or withdrawal is dated in closed_on';
