-- The National Referral Mechanism as configuration: versioned standard operating procedures (SOPs), and the
-- referral directory of organisations' contact points. Plain SQL accepted by PostgreSQL 15 and later and PGlite
-- (PostgreSQL 18). Depends on 0001 only.

CREATE TABLE sop_versions (
  version integer CONSTRAINT sop_versions_pk PRIMARY KEY,
  document jsonb NOT NULL,
  change_note text NOT NULL,
  created_by uuid CONSTRAINT sop_versions_created_by_fk REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT sop_versions_version_positive CHECK (version > 0),
  CONSTRAINT sop_versions_document_shape CHECK (jsonb_typeof(document) = 'object' AND jsonb_typeof(document -> 'sops') = 'array'),
  CONSTRAINT sop_versions_change_note_present CHECK (length(btrim(change_note)) BETWEEN 1 AND 2000)
);
COMMENT ON TABLE sop_versions IS 'The country''s SOP document (five SOPs, measures answering WHAT, WHEN, WHO, HOW), one immutable row per version; the highest version is the one in force. Append-only: a trigger refuses UPDATE and DELETE.';
COMMENT ON COLUMN sop_versions.version IS 'Version number, 1, 2, 3...; the highest is current, so exactly one version is current';
COMMENT ON COLUMN sop_versions.document IS 'The whole SOP document as validated by contracts/api/sop.ts (sopDocument); no personal data';
COMMENT ON COLUMN sop_versions.change_note IS 'What changed and why, written by the author';
COMMENT ON COLUMN sop_versions.created_by IS 'The national coordinator who saved the version; NULL for the default set shipped with Palermo';
COMMENT ON COLUMN sop_versions.created_at IS 'When the version was saved (and came into force)';

CREATE FUNCTION sop_versions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'sop_versions is append-only: save a new version instead';
END;
$$;
CREATE TRIGGER sop_versions_no_update BEFORE UPDATE OR DELETE ON sop_versions
  FOR EACH ROW EXECUTE FUNCTION sop_versions_append_only();

-- Version 1: a default SOP set after the TRM guidelines (ICMPD) and the Council of Europe Convention, so that a
-- country starts with something sensible. Deadlines are days from entering the stage; adapt them to national law.
INSERT INTO sop_versions (version, document, change_note, created_by) VALUES (1, $sop$
{"sops": [
  {"number": 1, "title": "Identification", "measures": [
    {
      "id": "identification.initial-referral",
      "title": "Initial referral",
      "what": "Refer the presumed victim to the first point of notification: the institution that acts as the central point of information, referral and initial support, and that nominates the case manager.",
      "when": {"stage":"reported","deadlineDays":1},
      "who": {"organisationTypes":["ngo","shelter","social_services","law_enforcement","border_guard","labour_inspectorate","health","national_coordinator"],"note":"Whoever first meets the person; the first point of notification may be the national coordinator, the police or a service provider."},
      "how": "Report the suspicion to the first point of notification, which every institution that may meet trafficked persons knows. Share only what the referral needs, with the person's consent.",
      "services": []
    },
    {
      "id": "identification.information-on-rights",
      "title": "Information on rights",
      "what": "Tell the person, in a language they understand, what the NRM is, their rights (including the recovery and reflection period and non-punishment), that assistance does not depend on cooperating with police or prosecutors, and what each consent they are asked for means.",
      "when": {"stage":"reported","deadlineDays":1},
      "who": {"organisationTypes":["ngo","shelter","social_services","law_enforcement","border_guard","labour_inspectorate"]},
      "how": "In a safe, private place, with an interpreter where needed, before any interview. Record each consent per purpose; the person may refuse or withdraw it at any time.",
      "services": ["interpretation","legal"]
    },
    {
      "id": "identification.screening",
      "title": "Initial identification against indicators",
      "what": "Assess the situation against the trafficking indicators (ILO forced-labour indicators: violence or threats, restriction of movement, debt bondage, withholding of wages, retention of identity documents, threat of denunciation to authorities).",
      "when": {"stage":"reported","deadlineDays":3},
      "who": {"organisationTypes":["ngo","shelter","social_services","law_enforcement","border_guard","labour_inspectorate"]},
      "how": "An identification interview by trained staff, with an interpreter of the person's choosing where possible, never in the presence of a possible exploiter. Do not press for details the assessment does not need.",
      "services": ["interpretation"]
    },
    {
      "id": "identification.child",
      "title": "Presumed child: guardian and child protection",
      "what": "Where the person may be under 18, treat them as a child until their age is established: notify child protection and appoint a guardian; the best interests of the child come first.",
      "when": {"stage":"screened","deadlineDays":1},
      "who": {"organisationTypes":["social_services"]},
      "how": "Through the child-protection authority. The child is heard in every decision that concerns them; no return is considered before a best-interests assessment.",
      "services": ["safety","legal"]
    },
    {
      "id": "identification.reasonable-grounds-referral",
      "title": "Referral for a reasonable-grounds decision",
      "what": "Refer the case to the competent authority for a decision whether there are reasonable grounds to believe the person was trafficked.",
      "when": {"stage":"screened","deadlineDays":2},
      "who": {"organisationTypes":["ngo","shelter","social_services","law_enforcement","border_guard","labour_inspectorate","national_coordinator"]},
      "how": "Send the screening result and the information the decision needs, with the person's consent to the referral.",
      "services": []
    },
    {
      "id": "identification.reasonable-grounds-decision",
      "title": "Reasonable-grounds decision",
      "what": "Decide whether there are reasonable grounds to believe that the person is a victim of trafficking.",
      "when": {"stage":"reasonable_grounds_pending","deadlineDays":5},
      "who": {"organisationTypes":["competent_authority"]},
      "how": "On the information available; the threshold is low (\"suspect but cannot prove\"). A positive decision opens the recovery and reflection period and access to assistance.",
      "services": []
    },
    {
      "id": "identification.reasonable-grounds-negative",
      "title": "Negative reasonable-grounds decision: inform and signpost",
      "what": "Inform the person of the decision, its reasons and how to ask for reconsideration; refer them to the services they need that do not depend on victim status.",
      "when": {"stage":"reasonable_grounds_negative","deadlineDays":2},
      "who": {"organisationTypes":["competent_authority","ngo","social_services"]},
      "how": "In writing and in person, in a language they understand; no removal measure is taken while a reconsideration request is pending.",
      "services": ["legal"]
    },
    {
      "id": "identification.conclusive-grounds-decision",
      "title": "Conclusive-grounds decision",
      "what": "Decide, on the balance of probabilities, whether the person is a victim of trafficking.",
      "when": {"stage":"reasonable_grounds_positive","deadlineDays":45},
      "who": {"organisationTypes":["competent_authority"]},
      "how": "Not before the recovery and reflection period ends (at least 30 days under the Council of Europe Convention; national law may give more), using information from the case manager and, with consent, other organisations.",
      "services": []
    },
    {
      "id": "identification.conclusive-negative",
      "title": "Negative conclusive-grounds decision: reconsideration",
      "what": "Inform the person of the decision and its reasons, and of their right to ask for reconsideration.",
      "when": {"stage":"conclusive_negative","deadlineDays":5},
      "who": {"organisationTypes":["competent_authority"]},
      "how": "In writing and in person, with legal counselling offered; record any request for reconsideration.",
      "services": ["legal"]
    }
  ]},
  {"number": 2, "title": "Crisis intervention / first assistance", "measures": [
    {
      "id": "first-assistance.safety",
      "title": "Immediate safety and risk assessment",
      "what": "Assess the immediate risk to the person and to their family, and take protection measures.",
      "when": {"stage":"reported","deadlineDays":1},
      "who": {"organisationTypes":["ngo","shelter","social_services","law_enforcement"]},
      "how": "Ask about threats from the traffickers and their associates; agree a safety plan with the person; involve the police only with the person's consent unless life is in immediate danger.",
      "services": ["safety"]
    },
    {
      "id": "first-assistance.basic-needs",
      "title": "Safe accommodation, food and urgent medical care",
      "what": "Provide safe accommodation, food, clothing and urgent medical care.",
      "when": {"stage":"reported","deadlineDays":1},
      "who": {"organisationTypes":["shelter","ngo","social_services","health"]},
      "how": "In a shelter whose address is kept confidential, suitable for the person's sex, age and needs (children in child-appropriate accommodation).",
      "services": ["shelter","food","medical"]
    },
    {
      "id": "first-assistance.interpretation",
      "title": "Interpretation",
      "what": "Make sure the person can communicate in a language they understand throughout first assistance.",
      "when": {"stage":"reported","deadlineDays":1},
      "who": {"organisationTypes":["ngo","social_services"]},
      "how": "A trained interpreter bound by confidentiality, not connected to the person's community where the person prefers.",
      "services": ["interpretation"]
    },
    {
      "id": "first-assistance.crisis-counselling",
      "title": "Crisis psychological support",
      "what": "Offer crisis counselling and psychological first aid.",
      "when": {"stage":"screened","deadlineDays":3},
      "who": {"organisationTypes":["ngo","shelter","health"]},
      "how": "By trained counsellors; voluntary; at the person's pace.",
      "services": ["psychosocial"]
    },
    {
      "id": "first-assistance.needs-assessment",
      "title": "Needs assessment and case manager",
      "what": "Assess the person's needs with them and name a case manager who coordinates the assistance.",
      "when": {"stage":"screened","deadlineDays":7},
      "who": {"organisationTypes":["ngo","shelter","social_services"]},
      "how": "A conversation with the person, recorded in the case; repeated as needs change.",
      "services": ["medical","psychosocial","legal","documents","financial"]
    },
    {
      "id": "first-assistance.recovery-reflection",
      "title": "Recovery and reflection period",
      "what": "Grant the recovery and reflection period: the person may stay and is not removed while they recover and decide, free of the traffickers' influence, whether to cooperate with the authorities.",
      "when": {"stage":"reasonable_grounds_positive","deadlineDays":1},
      "who": {"organisationTypes":["immigration","competent_authority"]},
      "how": "At least 30 days (Council of Europe Convention, article 13), or longer under national law; the period does not depend on cooperation.",
      "services": ["documents","legal"]
    }
  ]},
  {"number": 3, "title": "Assistance and social inclusion", "measures": [
    {
      "id": "assistance.recovery-plan",
      "title": "Individual recovery and social-inclusion plan",
      "what": "Agree an individual recovery and social-inclusion plan with the person.",
      "when": {"stage":"reasonable_grounds_positive","deadlineDays":14},
      "who": {"organisationTypes":["ngo","shelter","social_services"]},
      "how": "The person chooses the support they want; the case manager coordinates the organisations that provide it and reviews the plan with the person.",
      "services": ["shelter","medical","psychosocial","legal","education","work","financial"]
    },
    {
      "id": "assistance.medical-psychological",
      "title": "Medical care and psychological counselling",
      "what": "Provide medical care and psychological counselling.",
      "when": {"stage":"reasonable_grounds_positive","deadlineDays":7},
      "who": {"organisationTypes":["health","ngo"]},
      "how": "With informed consent for every examination and treatment; by staff trained in trauma-informed care.",
      "services": ["medical","psychosocial"]
    },
    {
      "id": "assistance.legal-counselling",
      "title": "Legal counselling",
      "what": "Provide legal counselling on the person's rights: residence, non-punishment for acts they were compelled to commit, compensation, and proceedings.",
      "when": {"stage":"reasonable_grounds_positive","deadlineDays":14},
      "who": {"organisationTypes":["ngo"]},
      "how": "Free of charge, confidential, in a language the person understands.",
      "services": ["legal","interpretation"]
    },
    {
      "id": "assistance.follow-up-6-weeks",
      "title": "Follow-up of wellbeing (2 to 6 weeks)",
      "what": "Review the person's wellbeing and the recovery plan between two and six weeks after assistance began.",
      "when": {"stage":"reasonable_grounds_positive","deadlineDays":42},
      "who": {"organisationTypes":["ngo","shelter","social_services"]},
      "how": "A conversation with the person; the plan is adjusted to what they say.",
      "services": ["psychosocial"]
    },
    {
      "id": "assistance.follow-up-3-months",
      "title": "Follow-up of wellbeing (3 months)",
      "what": "Review the person's wellbeing and the recovery plan three months after assistance began.",
      "when": {"stage":"reasonable_grounds_positive","deadlineDays":90},
      "who": {"organisationTypes":["ngo","shelter","social_services"]},
      "how": "A conversation with the person; the plan is adjusted to what they say.",
      "services": ["psychosocial"]
    },
    {
      "id": "assistance.education-work",
      "title": "Access to education, training and work",
      "what": "Open access to education (for children, school), vocational training and the labour market.",
      "when": {"stage":"conclusive_positive","deadlineDays":30},
      "who": {"organisationTypes":["social_services","ngo"]},
      "how": "Through the employment and education services, with support from the case manager.",
      "services": ["education","work"]
    },
    {
      "id": "assistance.financial",
      "title": "Financial support",
      "what": "Provide subsistence support until the person can support themselves.",
      "when": {"stage":"conclusive_positive","deadlineDays":30},
      "who": {"organisationTypes":["social_services"]},
      "how": "Under the national social-assistance rules; the case manager helps with the application.",
      "services": ["financial"]
    },
    {
      "id": "assistance.exit-plan",
      "title": "Continuity after a negative decision",
      "what": "Agree with the person how their support ends or continues through general services, so that it is not cut off abruptly.",
      "when": {"stage":"conclusive_negative","deadlineDays":14},
      "who": {"organisationTypes":["ngo","social_services"]},
      "how": "A referral to the services the person still needs, with their consent.",
      "services": ["shelter","medical","psychosocial"]
    },
    {
      "id": "assistance.case-closure",
      "title": "Case closure",
      "what": "Close the case with the person: a closing summary, and how to reach services again if they need them.",
      "when": {"stage":"closed","deadlineDays":30},
      "who": {"organisationTypes":["ngo","shelter","social_services"]},
      "how": "With the person where possible; the record is kept and protected under the retention rules.",
      "services": []
    }
  ]},
  {"number": 4, "title": "Voluntary return, legal stay and/or resettlement", "measures": [
    {
      "id": "return.options",
      "title": "Information on return, legal stay and resettlement",
      "what": "Inform the person of their options: voluntary return, a residence permit, asylum, or resettlement in a third country.",
      "when": {"stage":"reasonable_grounds_positive","deadlineDays":30},
      "who": {"organisationTypes":["ngo","immigration","international_organisation"]},
      "how": "Impartial information, in a language the person understands, so that their choice is free and informed.",
      "services": ["legal","documents","interpretation"]
    },
    {
      "id": "return.residence-permit",
      "title": "Residence permit",
      "what": "Issue a renewable residence permit where the person's stay is necessary because of their personal situation or for their cooperation in proceedings.",
      "when": {"stage":"conclusive_positive","deadlineDays":30},
      "who": {"organisationTypes":["immigration"]},
      "how": "Under national law (Council of Europe Convention, article 14); the application is supported by the case manager.",
      "services": ["documents"]
    },
    {
      "id": "return.risk-assessment",
      "title": "Risk and security assessment before return",
      "what": "Assess the risks of return to the person and their family (retaliation, re-trafficking, stigma) before any return.",
      "when": {"stage":"conclusive_positive","deadlineDays":14},
      "who": {"organisationTypes":["ngo","international_organisation","law_enforcement"]},
      "how": "With the person, and with the receiving organisation in the country of origin; no return where the risk cannot be managed.",
      "services": ["safety"]
    },
    {
      "id": "return.family-tracing",
      "title": "Family tracing",
      "what": "If the person wishes to return home to their family, trace the family (not when the person seeks asylum).",
      "when": {"stage":"conclusive_positive","deadlineDays":14,"note":"Simultaneously with the security assessment."},
      "who": {"organisationTypes":["ngo","international_organisation","embassy"],"note":"The case manager in the country of origin or the focal point of the institution responsible for return, with NGOs."},
      "how": "Via NGO and international-organisation networks or national authorities, with the person's consent.",
      "services": []
    },
    {
      "id": "return.child-best-interests",
      "title": "Best-interests assessment before a child's return",
      "what": "For a child, assess the best interests before any return, including the family's capacity to care for the child.",
      "when": {"stage":"conclusive_positive","deadlineDays":30},
      "who": {"organisationTypes":["social_services"]},
      "how": "By the child-protection authority with the guardian; the child is heard.",
      "services": ["safety","legal"]
    },
    {
      "id": "return.travel-documents",
      "title": "Travel and identity documents",
      "what": "Obtain identity and travel documents for the return.",
      "when": {"stage":"conclusive_positive","deadlineDays":30},
      "who": {"organisationTypes":["embassy","immigration"]},
      "how": "Through the consulate, without disclosing more than needed; the country of origin is not contacted without the person's consent.",
      "services": ["documents"]
    },
    {
      "id": "return.coordination",
      "title": "Coordination with the receiving organisation",
      "what": "Coordinate the return with a receiving organisation: request for assistance, confirmation, reintegration assistance request, reintegration confirmation.",
      "when": {"stage":"conclusive_positive","deadlineDays":30},
      "who": {"organisationTypes":["ngo","international_organisation"]},
      "how": "Send only the minimal referral data set (name; date of birth and place of residence in the country of origin; medical condition or vulnerability; security and risk assessment; outline of assistance needs; estimated departure), with the person's consent at every step. The receiving organisation decides eligibility.",
      "services": ["safety","medical"]
    },
    {
      "id": "return.options-after-negative",
      "title": "Options after a negative decision",
      "what": "Inform the person of the options open to them (other grounds of stay, asylum, assisted voluntary return).",
      "when": {"stage":"conclusive_negative","deadlineDays":14},
      "who": {"organisationTypes":["immigration","international_organisation","ngo"]},
      "how": "Impartial information and legal counselling before any removal decision.",
      "services": ["legal","documents"]
    }
  ]},
  {"number": 5, "title": "Criminal proceedings and compensation claims", "measures": [
    {
      "id": "proceedings.non-punishment",
      "title": "Non-punishment",
      "what": "Do not prosecute or punish the person for acts they were compelled to commit as a direct consequence of being trafficked (immigration, labour or criminal offences).",
      "when": {"stage":"screened","deadlineDays":7},
      "who": {"organisationTypes":["prosecutor","law_enforcement","border_guard","labour_inspectorate"]},
      "how": "Prosecutors review pending charges and penalties against the person as soon as the indicators are known.",
      "services": ["legal"]
    },
    {
      "id": "proceedings.information",
      "title": "Information on proceedings",
      "what": "Inform the person of their rights in criminal proceedings and of the choice to cooperate or not; assistance continues whatever they decide.",
      "when": {"stage":"reasonable_grounds_positive","deadlineDays":30},
      "who": {"organisationTypes":["ngo","prosecutor"]},
      "how": "By a lawyer or trained counsellor, before any statement; the person decides freely and may take the recovery and reflection period first.",
      "services": ["legal","interpretation"]
    },
    {
      "id": "proceedings.legal-representation",
      "title": "Legal assistance and representation",
      "what": "Provide free legal assistance and representation in proceedings and claims.",
      "when": {"stage":"reasonable_grounds_positive","deadlineDays":30},
      "who": {"organisationTypes":["ngo"]},
      "how": "Through legal-aid schemes or specialised NGOs.",
      "services": ["legal"]
    },
    {
      "id": "proceedings.victim-witness-protection",
      "title": "Protection of victims and witnesses",
      "what": "Protect the person during investigation and trial: no confrontation with the accused, testimony by video or in closed session where possible, protection of identity and address.",
      "when": {"stage":"reasonable_grounds_positive","note":"When the person decides to take part in proceedings, and for as long as they last."},
      "who": {"organisationTypes":["prosecutor","court","law_enforcement"]},
      "how": "The person's identity never appears openly in shared files; intelligence stays out of the evidence chain.",
      "services": ["safety","legal"]
    },
    {
      "id": "proceedings.cross-border-evidence",
      "title": "Evidence from the country of origin",
      "what": "Gather evidence across borders through mutual legal assistance and police cooperation.",
      "when": {"stage":"conclusive_positive"},
      "who": {"organisationTypes":["law_enforcement","prosecutor"]},
      "how": "The country of origin and its consular services are not contacted for evidence without the person's consent, or where it could endanger the person before, during or after the trial.",
      "services": []
    },
    {
      "id": "proceedings.document-losses",
      "title": "Documentation of injuries and losses",
      "what": "Document the injuries and losses the person suffered (unpaid wages, debts imposed, medical costs, harm) for compensation.",
      "when": {"stage":"reasonable_grounds_positive","deadlineDays":30},
      "who": {"organisationTypes":["ngo","health"]},
      "how": "Medical reports and records of losses kept with the case, shared only with the person's consent.",
      "services": ["legal","financial","medical"]
    },
    {
      "id": "proceedings.compensation",
      "title": "Compensation claim",
      "what": "Claim compensation from the offenders in the criminal proceedings, from the state fund, or in civil or labour proceedings, including advance payments.",
      "when": {"stage":"conclusive_positive","deadlineDays":90},
      "who": {"organisationTypes":["ngo","prosecutor","court"]},
      "how": "With a lawyer; using confiscated assets where national law allows.",
      "services": ["legal","financial"]
    }
  ]}
]}
$sop$::jsonb, 'Default SOPs shipped with Palermo, after the Transnational Referral Mechanism guidelines (ICMPD). Adapt WHO, WHEN and HOW to national law and institutions.', NULL);

CREATE TABLE directory_entries (
  id uuid CONSTRAINT directory_entries_pk PRIMARY KEY,
  organisation_id uuid NOT NULL CONSTRAINT directory_entries_organisation_fk REFERENCES organisations (id),
  desk_name text NOT NULL,
  sops smallint[] NOT NULL DEFAULT '{}',
  services text[] NOT NULL DEFAULT '{}',
  phone text,
  email text,
  address text,
  hours text,
  languages text[] NOT NULL DEFAULT '{}',
  active boolean NOT NULL DEFAULT true,
  last_verified_at timestamptz NOT NULL DEFAULT now(),
  verified_by uuid CONSTRAINT directory_entries_verified_by_fk REFERENCES users (id),
  created_by uuid CONSTRAINT directory_entries_created_by_fk REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT directory_entries_desk_unique UNIQUE (organisation_id, desk_name),
  CONSTRAINT directory_entries_desk_name_present CHECK (length(btrim(desk_name)) > 0),
  CONSTRAINT directory_entries_sops_known CHECK (sops <@ ARRAY[1, 2, 3, 4, 5]::smallint[]),
  CONSTRAINT directory_entries_services_known CHECK (services <@ ARRAY['medical', 'safety', 'shelter', 'food',
    'psychosocial', 'legal', 'interpretation', 'documents', 'financial', 'education', 'work']::text[]),
  CONSTRAINT directory_entries_has_contact CHECK (phone IS NOT NULL OR email IS NOT NULL OR address IS NOT NULL)
);
CREATE INDEX directory_entries_verified_idx ON directory_entries (last_verified_at);
COMMENT ON TABLE directory_entries IS 'The referral directory: contact points (desks) of organisations, the SOPs and services each covers. Institutional contacts, not personal data of survivors: stored in clear.';
COMMENT ON COLUMN directory_entries.organisation_id IS 'The organisation the desk belongs to; its organisation administrator edits the entry';
COMMENT ON COLUMN directory_entries.desk_name IS 'Name of the desk or contact point, unique within its organisation';
COMMENT ON COLUMN directory_entries.sops IS 'SOP numbers (1 to 5) the desk takes part in';
COMMENT ON COLUMN directory_entries.services IS 'Protection services the desk provides (contracts: protectionServices)';
COMMENT ON COLUMN directory_entries.phone IS 'Institutional phone number of the desk';
COMMENT ON COLUMN directory_entries.email IS 'Institutional e-mail address of the desk';
COMMENT ON COLUMN directory_entries.address IS 'Postal or visiting address of the desk (never a shelter''s confidential address)';
COMMENT ON COLUMN directory_entries.hours IS 'Opening hours, as free text';
COMMENT ON COLUMN directory_entries.languages IS 'Languages the desk works in (BCP 47 tags: en, fr, ar...)';
COMMENT ON COLUMN directory_entries.active IS 'false: the desk is retired and left out of the default listing';
COMMENT ON COLUMN directory_entries.last_verified_at IS 'When someone last confirmed the details are current; entries older than the staleness period are flagged stale';
COMMENT ON COLUMN directory_entries.verified_by IS 'Who last confirmed the details; NULL when imported by an operator';
COMMENT ON COLUMN directory_entries.created_by IS 'Who created the entry; NULL when imported by an operator';
