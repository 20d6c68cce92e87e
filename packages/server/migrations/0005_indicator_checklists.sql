-- Screening: indicator checklists (the ILO forced-labour indicators and a general trafficking-indicator list), as
-- versioned documents that national coordinators can replace by publishing a new version. A screening suggests, it never
-- decides: the decision on victim status is the competent authority's.
-- Plain SQL accepted by PostgreSQL 15 and later (the server) and PGlite (PostgreSQL 18, embedded). Depends on 0001 only.

CREATE TABLE indicator_checklists (
  id uuid PRIMARY KEY,
  code text NOT NULL,
  version integer NOT NULL,
  document jsonb NOT NULL,
  active boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid CONSTRAINT indicator_checklists_created_by_fk REFERENCES users (id),
  CONSTRAINT indicator_checklists_code_version_unique UNIQUE (code, version),
  CONSTRAINT indicator_checklists_code_format CHECK (code ~ '^[a-z][a-z0-9_]{1,62}$'),
  CONSTRAINT indicator_checklists_version_positive CHECK (version > 0),
  CONSTRAINT indicator_checklists_document_object CHECK (jsonb_typeof(document) = 'object'),
  CONSTRAINT indicator_checklists_document_matches CHECK (document ->> 'code' = code AND document ->> 'version' = version::text),
  CONSTRAINT indicator_checklists_one_active EXCLUDE USING btree (code WITH =) WHERE (active)
);
COMMENT ON TABLE indicator_checklists IS 'Versioned indicator checklists for screening; one active version per code. Published versions never change: a new version replaces the active one.';
COMMENT ON COLUMN indicator_checklists.code IS 'Stable checklist identifier across versions (ilo_forced_labour, trafficking_general, or a national list)';
COMMENT ON COLUMN indicator_checklists.version IS 'Version number within the code; equals document.version';
COMMENT ON COLUMN indicator_checklists.document IS 'The checklist (contracts: indicatorChecklistDocument): title, source, categories, items with element, strength and childOnly, scoring rule';
COMMENT ON COLUMN indicator_checklists.active IS 'The version offered for new screenings; at most one per code (constraint indicator_checklists_one_active)';
COMMENT ON COLUMN indicator_checklists.created_by IS 'The national coordinator who published the version; NULL for the defaults seeded by this migration';

CREATE FUNCTION indicator_checklists_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.id IS DISTINCT FROM OLD.id OR NEW.code IS DISTINCT FROM OLD.code OR NEW.version IS DISTINCT FROM OLD.version
    OR NEW.document IS DISTINCT FROM OLD.document OR NEW.created_at IS DISTINCT FROM OLD.created_at
    OR NEW.created_by IS DISTINCT FROM OLD.created_by THEN
    RAISE EXCEPTION 'a published indicator checklist version never changes; publish a new version instead';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER indicator_checklists_no_change BEFORE UPDATE ON indicator_checklists
  FOR EACH ROW EXECUTE FUNCTION indicator_checklists_immutable();
COMMENT ON FUNCTION indicator_checklists_immutable() IS 'Only the active flag of a published checklist version may change';

-- The defaults, version 1 each: exactly the documents of packages/contracts/src/vocabularies/indicators.ts (a test
-- compares them). Change them by publishing a new version, never by editing this file.
INSERT INTO indicator_checklists (id, code, version, document, active) VALUES (gen_random_uuid(), 'ilo_forced_labour', 1, $doc${
  "code": "ilo_forced_labour",
  "version": 1,
  "title": "ILO indicators of forced labour",
  "source": "ILO Special Action Programme to Combat Forced Labour, \"ILO Indicators of Forced Labour\" (Geneva: ILO, 2012), the 11 indicators, based on the Forced Labour Convention, 1930 (No. 29). Six of them are cited from ILO (2005) in seed 004:2892 (shared/DOMAIN.md). Descriptions paraphrased; strengths assigned by Palermo for screening.",
  "note": "The ILO notes that one indicator may in some cases imply forced labour while in others several are needed. These indicators describe forced labour, not the act of trafficking: for a child, use the general trafficking checklist, whose child rule needs no means.",
  "categories": [
    {"code":"recruitment","label":"Recruitment"},
    {"code":"coercion","label":"Coercion and control"},
    {"code":"conditions","label":"Working and living conditions"}
  ],
  "items": [
    {"code":"abuse_of_vulnerability","label":"Abuse of vulnerability","description":"The employer takes advantage of a lack of knowledge of the language or law, few livelihood options, irregular status, or dependency on the employer.","element":"means","category":"coercion","strength":"medium"},
    {"code":"deception","label":"Deception","description":"Promises about the type of work, wages, conditions, housing, legal status or location were not kept.","element":"means","category":"recruitment","strength":"medium"},
    {"code":"restriction_of_movement","label":"Restriction of movement","description":"Locked in or guarded at the workplace or housing, or not free to come and go.","element":"means","category":"coercion","strength":"strong"},
    {"code":"isolation","label":"Isolation","description":"Kept in a remote or hidden place, or cut off from contact with family and the outside world.","element":"means","category":"coercion","strength":"medium"},
    {"code":"physical_and_sexual_violence","label":"Physical and sexual violence","description":"Beating, sexual violence, or being forced to take drugs or alcohol, against the worker or their family.","element":"means","category":"coercion","strength":"strong"},
    {"code":"intimidation_and_threats","label":"Intimidation and threats","description":"Threats of violence, of denunciation to the police or immigration authorities, of losing wages or housing, or insults.","element":"means","category":"coercion","strength":"medium"},
    {"code":"retention_of_identity_documents","label":"Retention of identity documents","description":"Passport or identity papers kept by the employer or another person and not available to the worker on demand.","element":"means","category":"coercion","strength":"strong"},
    {"code":"withholding_of_wages","label":"Withholding of wages","description":"Wages withheld, delayed or deducted systematically, so that the worker cannot leave without losing them.","element":"means","category":"coercion","strength":"medium"},
    {"code":"debt_bondage","label":"Debt bondage","description":"Working to repay a debt (recruitment, travel, housing, advances) that the employer inflates or that cannot be repaid.","element":"means","category":"coercion","strength":"strong"},
    {"code":"abusive_working_and_living_conditions","label":"Abusive working and living conditions","description":"Degrading, hazardous or unhealthy work or housing that a free worker would not accept.","element":"purpose","category":"conditions","strength":"weak"},
    {"code":"excessive_overtime","label":"Excessive overtime","description":"Working hours or overtime far beyond legal limits or what was agreed, under compulsion, without rest days.","element":"purpose","category":"conditions","strength":"weak"}
  ],
  "scoring": {"referWhen":{"strongAtLeast":1,"mediumAtLeast":2,"weakAtLeast":null},"childReferWhenPresent":[]}
}$doc$, true);

INSERT INTO indicator_checklists (id, code, version, document, active) VALUES (gen_random_uuid(), 'trafficking_general', 1, $doc${
  "code": "trafficking_general",
  "version": 1,
  "title": "General indicators of trafficking in persons",
  "source": "Palermo default list, organised by the elements of the definition in the UN Trafficking in Persons Protocol, art. 3 (seed 004:336-347): act, means, purpose; art. 3(c) for children. Informed by the ILO and European Commission \"Operational indicators of trafficking in human beings\" (2009) and the UNODC list of possible indicators. Strengths assigned by Palermo for screening; review nationally before use.",
  "note": "For a child, an indicator of the act and one of the purpose suffice: no means are required (art. 3(c)).",
  "categories": [
    {"code":"recruitment","label":"Recruitment"},
    {"code":"movement","label":"Movement and control by a third party"},
    {"code":"control","label":"Means of control"},
    {"code":"exploitation","label":"Signs of exploitation"},
    {"code":"child","label":"Children"}
  ],
  "items": [
    {"code":"recruited_by_deception","label":"Recruited with false promises about the work, pay, conditions or destination","element":"means","category":"recruitment","strength":"medium"},
    {"code":"recruited_by_force","label":"Recruited or taken by force, abduction or threats","element":"means","category":"recruitment","strength":"strong"},
    {"code":"recruitment_debt","label":"Recruitment or travel costs created a debt to the recruiter, transporter or employer","element":"means","category":"recruitment","strength":"medium"},
    {"code":"sold_or_handed_over","label":"Sold, bought or handed over, or someone was paid to give up control of the person","element":"means","category":"recruitment","strength":"strong"},
    {"code":"moved_by_third_party","label":"Travel, transport, housing or work arranged by others who kept control afterwards","element":"act","category":"movement","strength":"medium"},
    {"code":"moved_frequently","label":"Moved by others between workplaces, towns or countries","element":"act","category":"movement","strength":"weak"},
    {"code":"documents_arranged_by_others","label":"Travel or identity documents were false, or obtained by others for the person","element":"act","category":"movement","strength":"weak"},
    {"code":"movement_restricted","label":"Cannot come and go freely: confined, accompanied or watched","element":"means","category":"control","strength":"strong"},
    {"code":"documents_withheld","label":"Identity or travel documents held by someone else","element":"means","category":"control","strength":"strong"},
    {"code":"violence","label":"Physical or sexual violence, or injuries the person cannot or will not explain","element":"means","category":"control","strength":"strong"},
    {"code":"threats","label":"Threats against the person or their family, including of denunciation to police or immigration","element":"means","category":"control","strength":"medium"},
    {"code":"debt_bondage","label":"Must work to repay a debt that grows or cannot be repaid","element":"means","category":"control","strength":"strong"},
    {"code":"earnings_withheld","label":"Earnings withheld, taken, or paid to someone else","element":"means","category":"control","strength":"medium"},
    {"code":"isolation","label":"Isolated from family and others, or does not know the address where they live or work","element":"means","category":"control","strength":"medium"},
    {"code":"abuse_of_vulnerability","label":"Dependency exploited: irregular status, language, addiction, disability, poverty or emotional ties","element":"means","category":"control","strength":"medium"},
    {"code":"speaks_through_others","label":"Someone else speaks for the person, or their account seems rehearsed","element":"means","category":"control","strength":"weak"},
    {"code":"forced_work_or_services","label":"Made to work, provide services or beg against their will","element":"purpose","category":"exploitation","strength":"strong"},
    {"code":"sexual_exploitation","label":"Made to provide sexual services, or others take the earnings of their prostitution","element":"purpose","category":"exploitation","strength":"strong"},
    {"code":"forced_criminality","label":"Made to commit offences, such as theft or growing or selling drugs","element":"purpose","category":"exploitation","strength":"strong"},
    {"code":"organ_removal","label":"Pressured or deceived into giving an organ","element":"purpose","category":"exploitation","strength":"strong"},
    {"code":"domestic_servitude","label":"Lives where they work, without private space or time off, on call day and night","element":"purpose","category":"exploitation","strength":"medium"},
    {"code":"exploitative_conditions","label":"Working or living conditions far below the norm: very long hours, no rest, degrading housing, little or no pay","element":"purpose","category":"exploitation","strength":"weak"},
    {"code":"child_commercial_sex","label":"A child in commercial sexual activity, in person or online (whatever the means)","element":"purpose","category":"child","strength":"strong","childOnly":true},
    {"code":"child_unaccompanied","label":"A child unaccompanied, separated, or with an adult who is not a parent or legal guardian","element":"act","category":"child","strength":"medium","childOnly":true},
    {"code":"child_working_for_others","label":"A child working, begging or selling for the profit of others","element":"purpose","category":"child","strength":"medium","childOnly":true},
    {"code":"child_age_or_documents_misrepresented","label":"A child whose age is misrepresented, or who travels on false or another person's documents","element":"act","category":"child","strength":"weak","childOnly":true}
  ],
  "scoring": {"referWhen":{"strongAtLeast":1,"mediumAtLeast":2,"weakAtLeast":null},"childReferWhenPresent":["act","purpose"]}
}$doc$, true);
