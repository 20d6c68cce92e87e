-- A keyed seal of each audit entry's position in the hash chain.
--
-- The chain hash is plain SHA-256 and an entry's MAC covers neither its position nor its neighbours, so someone with
-- the database owner's rights could delete one genuine entry written since the newest checkpoint, renumber and
-- re-chain the entries after it and move the head: every entry still authenticated and the chain was intact. The
-- sealer, which holds the master key, now stores with each entry it chains seal = HMAC-SHA-256(key derived from the
-- master key, seq || hash) (see platform/audit/entry-mac.ts): an entry moved to another position, or re-chained after
-- a deletion, no longer matches its seal, and a new seal cannot be made without the key. Entries chained before this
-- migration have no seal; verification accepts them only before the first sealed entry.

ALTER TABLE audit_log ADD COLUMN seal bytea;
ALTER TABLE audit_log ADD COLUMN seal_key_id text;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_seal_whole CHECK ((seal IS NULL) = (seal_key_id IS NULL) AND (seal IS NULL OR seq IS NOT NULL));
COMMENT ON COLUMN audit_log.seal IS 'HMAC-SHA-256 of the entry''s position and chain hash (seq || hash), set by the sealer with a key derived from the master key';
COMMENT ON COLUMN audit_log.seal_key_id IS 'Id of the master key the seal key was derived from (kept through key rotation)';

-- Still append-only: the only change allowed is sealing an unsealed entry (marking it forged while doing so, and
-- storing its seal; a forged mark is never taken away, and a seal, once set, never changes since a sealed entry can
-- no longer be updated at all).
CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.seq IS NULL AND NEW.seq IS NOT NULL AND (NEW.forged OR NOT OLD.forged)
     AND OLD.seal IS NULL AND OLD.seal_key_id IS NULL
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
