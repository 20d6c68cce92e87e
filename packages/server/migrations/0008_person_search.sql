-- Finding people although their names are encrypted: keyed blind indexes, and possible-duplicate checks across
-- organisations that reveal only that a match may exist, and where.

ALTER TABLE data_keys
  ADD COLUMN purpose text NOT NULL DEFAULT 'field_encryption',
  ADD CONSTRAINT data_keys_purpose_known CHECK (purpose IN ('field_encryption', 'blind_index'));
COMMENT ON COLUMN data_keys.purpose IS 'field_encryption: AES-256-GCM data keys; blind_index: the HMAC key of the search indexes (re-wrapped by master key rotation like the others)';

ALTER TABLE persons
  ADD COLUMN name_index text[] NOT NULL DEFAULT '{}',
  ADD COLUMN birth_date_index text;
CREATE INDEX persons_name_index_gin ON persons USING gin (name_index);
CREATE INDEX persons_birth_date_index_idx ON persons (birth_date_index);
COMMENT ON COLUMN persons.name_index IS 'Keyed blind index: HMAC-SHA-256 of each normalised name token (transliterated, lower case, without diacritics) and of its phonetic code; reveals nothing without the key';
COMMENT ON COLUMN persons.birth_date_index IS 'Keyed blind index of the birth date';

CREATE TABLE match_requests (
  id uuid PRIMARY KEY,
  requesting_organisation_id uuid NOT NULL CONSTRAINT match_requests_requesting_fk REFERENCES organisations (id),
  requesting_case_id uuid NOT NULL CONSTRAINT match_requests_case_fk REFERENCES cases (id),
  requested_by uuid NOT NULL CONSTRAINT match_requests_requested_by_fk REFERENCES users (id),
  target_organisation_id uuid NOT NULL CONSTRAINT match_requests_target_fk REFERENCES organisations (id),
  candidate_person_ids uuid[] NOT NULL,
  status text NOT NULL DEFAULT 'pending',
  responded_by uuid CONSTRAINT match_requests_responded_by_fk REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  responded_at timestamptz,
  CONSTRAINT match_requests_status_known CHECK (status IN ('pending', 'confirmed_same_person', 'not_the_same_person', 'cannot_say'))
);
CREATE INDEX match_requests_target_idx ON match_requests (target_organisation_id, status);
COMMENT ON TABLE match_requests IS 'A request to another organisation to confirm whether it knows the same person. No personal data crosses: the target sees its own candidate records only, the requester sees only the answer.';
