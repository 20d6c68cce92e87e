-- Audit entries are written unsealed inside each request's transaction (no lock shared by all writers), and sealed
-- into the hash chain moments later, in commit order, by one sealer at a time. Readers never wait on each other.

ALTER TABLE audit_log DROP CONSTRAINT audit_log_pkey;
ALTER TABLE audit_log ADD COLUMN entry_id bigserial;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_pkey PRIMARY KEY (entry_id);
ALTER TABLE audit_log ALTER COLUMN seq DROP NOT NULL;
ALTER TABLE audit_log ALTER COLUMN prev_hash DROP NOT NULL;
ALTER TABLE audit_log ALTER COLUMN hash DROP NOT NULL;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_seq_unique UNIQUE (seq);
ALTER TABLE audit_log ADD CONSTRAINT audit_log_sealed_whole CHECK ((seq IS NULL) = (hash IS NULL) AND (seq IS NULL) = (prev_hash IS NULL));
CREATE INDEX audit_log_unsealed_idx ON audit_log (entry_id) WHERE seq IS NULL;
COMMENT ON COLUMN audit_log.entry_id IS 'Order of writing; entries are sealed (given seq and hash) in this order among those committed';
COMMENT ON COLUMN audit_log.seq IS 'Position in the hash chain; NULL until the entry is sealed (within a second of commit)';

-- Still append-only: the only change allowed is sealing an unsealed entry, leaving everything else as written.
CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.seq IS NULL AND NEW.seq IS NOT NULL
     AND NEW.entry_id = OLD.entry_id AND NEW.occurred_at = OLD.occurred_at
     AND NEW.actor_user_id IS NOT DISTINCT FROM OLD.actor_user_id AND NEW.actor_name IS NOT DISTINCT FROM OLD.actor_name
     AND NEW.organisation_id IS NOT DISTINCT FROM OLD.organisation_id AND NEW.action = OLD.action
     AND NEW.record_type IS NOT DISTINCT FROM OLD.record_type AND NEW.record_id IS NOT DISTINCT FROM OLD.record_id
     AND NEW.purpose = OLD.purpose AND NEW.summary = OLD.summary AND NEW.outcome = OLD.outcome THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
