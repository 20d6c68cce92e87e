-- Documents attached to a case: identity documents, medical and legal letters, signed consent forms. The file name and
-- the content are encrypted in the application under the same data keys as personal fields; the content is kept in
-- chunks of at most 1 MiB, each encrypted on its own and bound to its document, position and count, so that a chunk
-- moved, dropped or added fails to decrypt and a backup streams row by row. Images are stored re-encoded, without
-- their metadata (location included). Plain SQL accepted by PostgreSQL 15 and later and PGlite. Depends on 0001, 0003.

CREATE TABLE case_documents (
  id uuid PRIMARY KEY,
  case_id uuid NOT NULL CONSTRAINT case_documents_case_fk REFERENCES cases (id),
  document_type text NOT NULL,
  media_type text NOT NULL,
  file_name bytea NOT NULL,
  byte_size integer NOT NULL,
  chunk_count integer NOT NULL,
  for_decision boolean NOT NULL DEFAULT false,
  uploaded_by uuid NOT NULL CONSTRAINT case_documents_uploader_fk REFERENCES users (id),
  organisation_id uuid NOT NULL CONSTRAINT case_documents_organisation_fk REFERENCES organisations (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT case_documents_type_known CHECK (document_type IN ('identity_document', 'medical_letter', 'legal_letter', 'signed_consent', 'other')),
  CONSTRAINT case_documents_media_type_known CHECK (media_type IN ('application/pdf', 'image/jpeg', 'image/png')),
  CONSTRAINT case_documents_size CHECK (byte_size > 0 AND byte_size <= 20971520),
  CONSTRAINT case_documents_chunks CHECK (chunk_count >= 1 AND chunk_count <= 20)
);
CREATE INDEX case_documents_case_idx ON case_documents (case_id, created_at);

CREATE TABLE case_document_chunks (
  document_id uuid NOT NULL CONSTRAINT case_document_chunks_document_fk REFERENCES case_documents (id),
  position integer NOT NULL,
  content bytea NOT NULL,
  CONSTRAINT case_document_chunks_pk PRIMARY KEY (document_id, position),
  CONSTRAINT case_document_chunks_position CHECK (position >= 0 AND position < 20)
);

COMMENT ON TABLE case_documents IS 'Files attached to a case; read and downloaded under the document field policy, every download audited';
COMMENT ON COLUMN case_documents.document_type IS 'contracts vocabularies/documents.ts documentTypes';
COMMENT ON COLUMN case_documents.media_type IS 'Recognised from the content (never from the name): application/pdf, image/jpeg or image/png';
COMMENT ON COLUMN case_documents.file_name IS 'The name given at upload (folders dropped), AES-256-GCM encrypted, bound to case_documents.file_name:<id>';
COMMENT ON COLUMN case_documents.byte_size IS 'Size of the stored file in bytes (after an image is re-encoded without metadata)';
COMMENT ON COLUMN case_documents.for_decision IS 'Shown to the competent authority deciding on victim status, in the decision file';
COMMENT ON COLUMN case_documents.organisation_id IS 'The uploader''s organisation at the time of upload';
COMMENT ON TABLE case_document_chunks IS 'A document''s content in chunks of at most 1 MiB, each AES-256-GCM encrypted, bound to case_document_chunks.content:<document id>:<position>/<chunk count>';
