-- Determinants assessments: for a country and a period, the national rapporteur records each determinant of the
-- framework (contracts vocabularies/determinants.ts): its direction, active or passive, strength, typology, evidence,
-- the recommendations and indicators it rests on, and which other determinants it influences. No personal data.
-- Plain SQL accepted by PostgreSQL 15 and later and PGlite. Depends on 0001 (organisations, users).

CREATE TABLE determinant_assessments (
  id uuid PRIMARY KEY,
  country text NOT NULL,
  period_from date NOT NULL,
  period_to date NOT NULL,
  title text NOT NULL,
  recorded_by uuid NOT NULL CONSTRAINT determinant_assessments_recorded_by_fk REFERENCES users (id),
  organisation_id uuid NOT NULL CONSTRAINT determinant_assessments_organisation_fk REFERENCES organisations (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT determinant_assessments_period_ordered CHECK (period_to >= period_from),
  CONSTRAINT determinant_assessments_title_present CHECK (length(btrim(title)) > 0)
);
CREATE INDEX determinant_assessments_period_idx ON determinant_assessments (period_from DESC, id);
COMMENT ON TABLE determinant_assessments IS 'A national rapporteur''s assessment of the determinants of anti-trafficking efforts for a country and a period; its entries in determinant_assessment_entries';

CREATE TABLE determinant_assessment_entries (
  assessment_id uuid NOT NULL CONSTRAINT determinant_assessment_entries_assessment_fk REFERENCES determinant_assessments (id),
  determinant text NOT NULL,
  direction text NOT NULL,
  activity text NOT NULL,
  strength text NOT NULL,
  origin text NOT NULL,
  nature text NOT NULL,
  specificity text NOT NULL,
  reach text NOT NULL,
  level text NOT NULL,
  evidence text NOT NULL DEFAULT '',
  recommendation_ids uuid[] NOT NULL DEFAULT '{}',
  indicator_ids uuid[] NOT NULL DEFAULT '{}',
  influences text[] NOT NULL DEFAULT '{}',
  recorded_by uuid NOT NULL CONSTRAINT determinant_assessment_entries_recorded_by_fk REFERENCES users (id),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT determinant_assessment_entries_pk PRIMARY KEY (assessment_id, determinant),
  CONSTRAINT determinant_assessment_entries_direction_known CHECK (direction IN ('positive', 'neutral', 'negative')),
  CONSTRAINT determinant_assessment_entries_activity_known CHECK (activity IN ('active', 'passive')),
  CONSTRAINT determinant_assessment_entries_strength_known CHECK (strength IN ('weak', 'moderate', 'strong')),
  CONSTRAINT determinant_assessment_entries_origin_known CHECK (origin IN ('internal', 'external')),
  CONSTRAINT determinant_assessment_entries_nature_known CHECK (nature IN ('structural', 'pressure_point')),
  CONSTRAINT determinant_assessment_entries_specificity_known CHECK (specificity IN ('trafficking_specific', 'contextual', 'tangential')),
  CONSTRAINT determinant_assessment_entries_reach_known CHECK (reach IN ('direct', 'indirect')),
  CONSTRAINT determinant_assessment_entries_level_known CHECK (level IN ('personal', 'institutional', 'cultural')),
  CONSTRAINT determinant_assessment_entries_not_self CHECK (NOT (determinant = ANY (influences)))
);
COMMENT ON TABLE determinant_assessment_entries IS 'One determinant as an assessment records it (one row per determinant, rewritten when edited)';
COMMENT ON COLUMN determinant_assessment_entries.determinant IS 'contracts determinantCodes';
COMMENT ON COLUMN determinant_assessment_entries.origin IS 'The typology (contracts determinantTypology): origin, nature, specificity, reach and level, one value each';
COMMENT ON COLUMN determinant_assessment_entries.influences IS 'The other determinants (codes) this one influences';
