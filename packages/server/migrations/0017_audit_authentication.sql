-- Audit entries authenticated outside the database's reach, and alerts for the people who read the audit log.
--
-- Each entry written from now on carries a message authentication code (HMAC-SHA-256) computed by the application,
-- with a key derived from a master key that never enters the database, over the values the application knew before
-- the statement. Someone with the database owner's rights can still insert, delete or rewrite rows, but cannot make
-- an entry that authenticates: the sealer marks such rows as forged (and raises an alert) instead of chaining them as
-- genuine, and verification reports them. Entries sealed before this migration have no code and verify by their hash
-- chain alone.

ALTER TABLE audit_log ADD COLUMN entry_token uuid;
ALTER TABLE audit_log ADD COLUMN mac_key_id text;
ALTER TABLE audit_log ADD COLUMN mac bytea;
ALTER TABLE audit_log ADD COLUMN statement_fields text[] NOT NULL DEFAULT '{}';
ALTER TABLE audit_log ADD COLUMN forged boolean NOT NULL DEFAULT false;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_authenticated_whole CHECK ((entry_token IS NULL) = (mac IS NULL) AND (mac IS NULL) = (mac_key_id IS NULL));
-- No index on the token: a copy of a genuine entry keeps its time (covered by the MAC), so the sealer finds an earlier
-- one through the time index; an index of its own cost the audited read about a tenth of its speed.
COMMENT ON COLUMN audit_log.entry_token IS 'A random identifier chosen by the writer and covered by the MAC, so that a copy of a genuine entry is recognised';
COMMENT ON COLUMN audit_log.mac_key_id IS 'Id of the master key the MAC key was derived from (kept through key rotation)';
COMMENT ON COLUMN audit_log.mac IS 'HMAC-SHA-256 of the entry, computed by the application before the statement (see platform/audit/entry-mac.ts)';
COMMENT ON COLUMN audit_log.statement_fields IS 'Fields the writing statement computed from its own rows (summary, outcome), hence not covered by the MAC';
COMMENT ON COLUMN audit_log.forged IS 'Set by the sealer when the entry failed authentication: it is chained (so the chain stays complete) but never as genuine';

-- Still append-only: the only change allowed is sealing an unsealed entry (and marking it forged while doing so; a
-- forged mark is never taken away).
CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.seq IS NULL AND NEW.seq IS NOT NULL AND (NEW.forged OR NOT OLD.forged)
     AND NEW.entry_id = OLD.entry_id AND NEW.occurred_at = OLD.occurred_at
     AND NEW.actor_user_id IS NOT DISTINCT FROM OLD.actor_user_id AND NEW.actor_name IS NOT DISTINCT FROM OLD.actor_name
     AND NEW.organisation_id IS NOT DISTINCT FROM OLD.organisation_id AND NEW.action = OLD.action
     AND NEW.record_type IS NOT DISTINCT FROM OLD.record_type AND NEW.record_id IS NOT DISTINCT FROM OLD.record_id
     AND NEW.purpose = OLD.purpose AND NEW.summary = OLD.summary AND NEW.outcome = OLD.outcome
     AND NEW.entry_token IS NOT DISTINCT FROM OLD.entry_token AND NEW.mac_key_id IS NOT DISTINCT FROM OLD.mac_key_id
     AND NEW.mac IS NOT DISTINCT FROM OLD.mac AND NEW.statement_fields = OLD.statement_fields THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$;

-- Row triggers do not fire on TRUNCATE: refuse it too. (Someone with the owner's rights can drop this trigger;
-- verification against a signed checkpoint catches an emptied log regardless.)
CREATE FUNCTION audit_log_refuse_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: TRUNCATE refused';
END;
$$;
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_truncate();
CREATE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON audit_head FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_truncate();

-- Alerts for the audit log's readers: forged entries, failed verifications, checkpoint mismatches, and users whose
-- behaviour needs a look (many possible-duplicate checks). The summary never holds personal data.
CREATE TABLE audit_alerts (
  id uuid PRIMARY KEY,
  kind text NOT NULL,
  summary text NOT NULL,
  actor_user_id uuid,
  organisation_id uuid,
  raised_at timestamptz NOT NULL DEFAULT now(),
  acknowledged_at timestamptz,
  acknowledged_by uuid,
  CONSTRAINT audit_alerts_acknowledged_whole CHECK ((acknowledged_at IS NULL) = (acknowledged_by IS NULL))
);
CREATE INDEX audit_alerts_open_idx ON audit_alerts (raised_at DESC) WHERE acknowledged_at IS NULL;
COMMENT ON TABLE audit_alerts IS 'Alerts shown on the audit page until a reader of the audit log acknowledges them';
