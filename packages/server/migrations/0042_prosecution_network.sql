-- The network behind a case (decision 0016): entities (companies, vehicles, phone numbers, addresses, bank accounts)
-- whose identifying value is encrypted in the application and found again by a keyed blind index, the operations each
-- entity was recorded in, and the links of an operation between suspects and entities. Plain SQL accepted by
-- PostgreSQL 15 and later and PGlite. Depends on 0033 (operations, suspects).

CREATE TABLE prosecution_entities (
  id uuid PRIMARY KEY,
  kind text NOT NULL,
  value bytea NOT NULL,
  value_index text NOT NULL,
  created_by uuid NOT NULL CONSTRAINT prosecution_entities_created_by_fk REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT prosecution_entities_kind_known CHECK (kind IN ('company', 'vehicle', 'phone_number', 'address', 'bank_account')),
  CONSTRAINT prosecution_entities_one_per_value UNIQUE (kind, value_index)
);
COMMENT ON TABLE prosecution_entities IS 'A company, vehicle, phone number, address or bank account named in operations; one row per value, shared by every operation that names it';
COMMENT ON COLUMN prosecution_entities.value IS 'The identifying value, AES-256-GCM encrypted, bound to prosecution_entities.value:<id>';
COMMENT ON COLUMN prosecution_entities.value_index IS 'Keyed blind index of the normalised value (BlindIndex.entityToken): the same value recorded in another operation is this entity';

CREATE TABLE prosecution_operation_entities (
  operation_id uuid NOT NULL CONSTRAINT prosecution_operation_entities_operation_fk REFERENCES prosecution_operations (id),
  entity_id uuid NOT NULL CONSTRAINT prosecution_operation_entities_entity_fk REFERENCES prosecution_entities (id),
  created_by uuid NOT NULL CONSTRAINT prosecution_operation_entities_created_by_fk REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT prosecution_operation_entities_pk PRIMARY KEY (operation_id, entity_id)
);
CREATE INDEX prosecution_operation_entities_entity_idx ON prosecution_operation_entities (entity_id);
COMMENT ON TABLE prosecution_operation_entities IS 'The operations an entity was recorded in: who may read the operation sees the entity through it';

CREATE TABLE prosecution_links (
  id uuid PRIMARY KEY,
  operation_id uuid NOT NULL CONSTRAINT prosecution_links_operation_fk REFERENCES prosecution_operations (id),
  kind text NOT NULL,
  from_suspect_id uuid CONSTRAINT prosecution_links_from_suspect_fk REFERENCES prosecution_suspects (id),
  from_entity_id uuid CONSTRAINT prosecution_links_from_entity_fk REFERENCES prosecution_entities (id),
  to_suspect_id uuid CONSTRAINT prosecution_links_to_suspect_fk REFERENCES prosecution_suspects (id),
  to_entity_id uuid CONSTRAINT prosecution_links_to_entity_fk REFERENCES prosecution_entities (id),
  note bytea,
  created_by uuid NOT NULL CONSTRAINT prosecution_links_created_by_fk REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT prosecution_links_kind_known CHECK (kind IN ('works_with', 'recruited_by', 'owns', 'uses', 'lives_at', 'pays_into', 'controls', 'related_to')),
  CONSTRAINT prosecution_links_one_source CHECK ((from_suspect_id IS NULL) <> (from_entity_id IS NULL)),
  CONSTRAINT prosecution_links_one_target CHECK ((to_suspect_id IS NULL) <> (to_entity_id IS NULL)),
  CONSTRAINT prosecution_links_not_a_loop CHECK (from_suspect_id IS DISTINCT FROM to_suspect_id OR from_entity_id IS DISTINCT FROM to_entity_id)
);
CREATE INDEX prosecution_links_operation_idx ON prosecution_links (operation_id, created_at);
CREATE INDEX prosecution_links_from_suspect_idx ON prosecution_links (from_suspect_id) WHERE from_suspect_id IS NOT NULL;
CREATE INDEX prosecution_links_to_suspect_idx ON prosecution_links (to_suspect_id) WHERE to_suspect_id IS NOT NULL;
COMMENT ON TABLE prosecution_links IS 'A link of an operation from a suspect or an entity to a suspect or an entity; a suspect of another operation may be named (the same person across operations)';
COMMENT ON COLUMN prosecution_links.note IS 'Optional note, AES-256-GCM encrypted, bound to prosecution_links.note:<id>';
