-- Notifications in the app and by e-mail, each user's choice of e-mails, the country's time zone (for "due
-- tomorrow"), and uploads imported in the background by the job queue (0027).

ALTER TABLE country_settings ADD COLUMN time_zone text NOT NULL DEFAULT 'UTC';
COMMENT ON COLUMN country_settings.time_zone IS 'IANA time zone of the country: "tomorrow" for decision reminders is counted in it';

CREATE TABLE notifications (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL CONSTRAINT notifications_user_fk REFERENCES users (id),
  kind text NOT NULL,
  link text NOT NULL,
  dedupe_key text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  read_at timestamptz,
  email_status text NOT NULL DEFAULT 'pending',
  email_attempted_at timestamptz,
  email_error text,
  CONSTRAINT notifications_dedupe_unique UNIQUE (dedupe_key),
  CONSTRAINT notifications_kind_known CHECK (kind IN ('referral_received', 'referral_answered', 'decision_due')),
  CONSTRAINT notifications_link_local CHECK (link LIKE '/%' AND link NOT LIKE '//%'),
  CONSTRAINT notifications_email_status_known CHECK (email_status IN ('pending', 'sent', 'failed', 'not_wanted', 'no_server'))
);
CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC);
CREATE INDEX notifications_unread_idx ON notifications (user_id) WHERE read_at IS NULL;
CREATE INDEX notifications_undeliverable_idx ON notifications (email_attempted_at DESC) WHERE email_status = 'failed';
COMMENT ON TABLE notifications IS 'What a user is told in the app and by e-mail: a kind and a link inside the app, never personal data';
COMMENT ON COLUMN notifications.dedupe_key IS 'One notification per event and user, however often the event or the reminder sweep runs';
COMMENT ON COLUMN notifications.email_status IS 'pending until the mail job ran; sent, failed (shown to administrators), not_wanted (the user''s choice) or no_server (no SMTP server set)';

CREATE TABLE notification_preferences (
  user_id uuid NOT NULL CONSTRAINT notification_preferences_user_fk REFERENCES users (id),
  kind text NOT NULL,
  email boolean NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, kind),
  CONSTRAINT notification_preferences_kind_known CHECK (kind IN ('referral_received', 'referral_answered', 'decision_due'))
);
COMMENT ON TABLE notification_preferences IS 'Which e-mails a user receives; without a row, every kind is sent';

CREATE TABLE import_jobs (
  id uuid PRIMARY KEY,
  source text NOT NULL,
  file_name text NOT NULL,
  file bytea,
  owner_user_id uuid NOT NULL CONSTRAINT import_jobs_owner_fk REFERENCES users (id),
  actor_name text,
  actor_organisation_id uuid,
  status text NOT NULL DEFAULT 'running',
  rows_read integer NOT NULL DEFAULT 0,
  progress double precision NOT NULL DEFAULT 0,
  summary jsonb,
  error jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  CONSTRAINT import_jobs_source_known CHECK (source IN ('ctdc', 'glotip')),
  CONSTRAINT import_jobs_status_known CHECK (status IN ('running', 'succeeded', 'failed'))
);
CREATE INDEX import_jobs_owner_idx ON import_jobs (owner_user_id, created_at DESC);
COMMENT ON TABLE import_jobs IS 'Web uploads of CTDC and GLOTIP files, imported by the job queue; the file is dropped once the import has run';
