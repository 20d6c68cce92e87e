-- Coordination of the national response: coordination bodies (a national coordination body, its working groups and
-- task forces) with their member organisations, meetings with their decisions and follow-up actions assigned to
-- organisations, and the trainings delivered (outputs of the plan). Codes are contracts vocabularies/coordination.ts.
-- No personal data. Plain SQL accepted by PostgreSQL 15 and later and PGlite. Depends on 0001 (organisations, users)
-- and the action plan's activities.

CREATE TABLE coordination_bodies (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  kind text NOT NULL,
  parent_id uuid CONSTRAINT coordination_bodies_parent_fk REFERENCES coordination_bodies (id),
  theme text NOT NULL,
  active_from date NOT NULL,
  active_to date,
  created_by uuid NOT NULL CONSTRAINT coordination_bodies_created_by_fk REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT coordination_bodies_name_present CHECK (length(btrim(name)) > 0),
  CONSTRAINT coordination_bodies_kind_known CHECK (kind IN ('national_coordination_body', 'working_group', 'task_force', 'referral_mechanism', 'regional_body', 'other')),
  CONSTRAINT coordination_bodies_theme_known CHECK (theme IN ('prevention', 'protection', 'prosecution', 'partnership', 'all')),
  CONSTRAINT coordination_bodies_period_ordered CHECK (active_to IS NULL OR active_to >= active_from),
  CONSTRAINT coordination_bodies_not_own_parent CHECK (parent_id IS NULL OR parent_id <> id)
);
CREATE INDEX coordination_bodies_parent_idx ON coordination_bodies (parent_id);
COMMENT ON TABLE coordination_bodies IS 'A body coordinating the response (national body, working group, task force), optionally under a parent body';

CREATE TABLE coordination_body_members (
  body_id uuid NOT NULL CONSTRAINT coordination_body_members_body_fk REFERENCES coordination_bodies (id),
  organisation_id uuid NOT NULL CONSTRAINT coordination_body_members_organisation_fk REFERENCES organisations (id),
  role text NOT NULL,
  CONSTRAINT coordination_body_members_pk PRIMARY KEY (body_id, organisation_id),
  CONSTRAINT coordination_body_members_role_known CHECK (role IN ('chair', 'secretariat', 'member', 'observer'))
);
CREATE INDEX coordination_body_members_organisation_idx ON coordination_body_members (organisation_id, body_id);
COMMENT ON TABLE coordination_body_members IS 'The organisations sitting in a body and their role in it (rewritten when the body is edited); their staff read the body';

CREATE TABLE coordination_meetings (
  id uuid PRIMARY KEY,
  body_id uuid NOT NULL CONSTRAINT coordination_meetings_body_fk REFERENCES coordination_bodies (id),
  held_on date NOT NULL,
  place text,
  minutes text NOT NULL DEFAULT '',
  created_by uuid NOT NULL CONSTRAINT coordination_meetings_created_by_fk REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX coordination_meetings_body_idx ON coordination_meetings (body_id, held_on DESC);
COMMENT ON COLUMN coordination_meetings.minutes IS 'A summary of the minutes (no personal data: organisations, not people)';

CREATE TABLE coordination_decisions (
  id uuid PRIMARY KEY,
  meeting_id uuid NOT NULL CONSTRAINT coordination_decisions_meeting_fk REFERENCES coordination_meetings (id),
  position integer NOT NULL,
  text text NOT NULL,
  CONSTRAINT coordination_decisions_position_unique UNIQUE (meeting_id, position),
  CONSTRAINT coordination_decisions_text_present CHECK (length(btrim(text)) > 0)
);

CREATE TABLE coordination_actions (
  id uuid PRIMARY KEY,
  meeting_id uuid NOT NULL CONSTRAINT coordination_actions_meeting_fk REFERENCES coordination_meetings (id),
  decision_id uuid CONSTRAINT coordination_actions_decision_fk REFERENCES coordination_decisions (id),
  description text NOT NULL,
  organisation_id uuid NOT NULL CONSTRAINT coordination_actions_organisation_fk REFERENCES organisations (id),
  due_on date NOT NULL,
  status text NOT NULL DEFAULT 'open',
  done_on date,
  updated_by uuid NOT NULL CONSTRAINT coordination_actions_updated_by_fk REFERENCES users (id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT coordination_actions_description_present CHECK (length(btrim(description)) > 0),
  CONSTRAINT coordination_actions_status_known CHECK (status IN ('open', 'in_progress', 'done', 'dropped')),
  CONSTRAINT coordination_actions_done_dated CHECK ((status = 'done') = (done_on IS NOT NULL))
);
CREATE INDEX coordination_actions_meeting_idx ON coordination_actions (meeting_id);
CREATE INDEX coordination_actions_due_idx ON coordination_actions (due_on, id) WHERE status IN ('open', 'in_progress');
CREATE INDEX coordination_actions_organisation_idx ON coordination_actions (organisation_id, due_on);
COMMENT ON TABLE coordination_actions IS 'A follow-up action a meeting assigned to an organisation; overdue when its due date passed and it is open or in progress';

CREATE TABLE coordination_trainings (
  id uuid PRIMARY KEY,
  topic text NOT NULL,
  title text NOT NULL,
  audience text NOT NULL,
  organisation_id uuid NOT NULL CONSTRAINT coordination_trainings_organisation_fk REFERENCES organisations (id),
  held_on date NOT NULL,
  number_trained integer NOT NULL,
  women integer,
  men integer,
  activity_id uuid CONSTRAINT coordination_trainings_activity_fk REFERENCES plan_activities (id),
  created_by uuid NOT NULL CONSTRAINT coordination_trainings_created_by_fk REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT coordination_trainings_title_present CHECK (length(btrim(title)) > 0),
  CONSTRAINT coordination_trainings_topic_known CHECK (topic IN ('identification', 'victim_assistance', 'child_victims', 'investigation', 'prosecution_adjudication', 'labour_exploitation', 'online_exploitation', 'referral_mechanism', 'non_punishment', 'data_protection', 'other')),
  CONSTRAINT coordination_trainings_audience_known CHECK (audience IN ('police', 'labour_inspectors', 'prosecutors', 'judges', 'social_workers', 'health', 'education', 'consular', 'civil_society', 'other')),
  CONSTRAINT coordination_trainings_number_positive CHECK (number_trained >= 1),
  CONSTRAINT coordination_trainings_by_sex CHECK (coalesce(women, 0) >= 0 AND coalesce(men, 0) >= 0 AND coalesce(women, 0) + coalesce(men, 0) <= number_trained)
);
CREATE INDEX coordination_trainings_held_idx ON coordination_trainings (held_on DESC, id);
CREATE INDEX coordination_trainings_organisation_idx ON coordination_trainings (organisation_id, held_on);
COMMENT ON TABLE coordination_trainings IS 'A training delivered: topic, audience, delivering organisation, date, number of officials trained (optionally by sex); an output of the plan';
