-- Account administration: a password reset by a one-time code, and what an account holder is told at her next
-- sign-in about changes an administrator made to her account. Searching the audit log by action and organisation.

ALTER TABLE users ADD COLUMN password_reset_hash text;
ALTER TABLE users ADD COLUMN password_reset_expires_at timestamptz;
ALTER TABLE users ADD COLUMN password_reset_issued_by uuid;
ALTER TABLE users ADD COLUMN notices_seen_at timestamptz;
ALTER TABLE users ADD CONSTRAINT users_password_reset_complete
  CHECK ((password_reset_hash IS NULL) = (password_reset_expires_at IS NULL));
COMMENT ON COLUMN users.password_reset_hash IS 'argon2id PHC string of the one-time password reset code an administrator issued; cleared when used or replaced';
COMMENT ON COLUMN users.password_reset_expires_at IS 'When the one-time reset code stops working (at most 24 hours after it was issued)';
COMMENT ON COLUMN users.password_reset_issued_by IS 'The administrator who issued the current reset code';
COMMENT ON COLUMN users.notices_seen_at IS 'Until when the account holder has read the notices about her account (audit entries of administrators'' changes)';

CREATE INDEX audit_log_action_idx ON audit_log (action, seq);
CREATE INDEX audit_log_organisation_idx ON audit_log (organisation_id, seq);
