import type { ProfileSection } from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';
import type { FieldCipher } from '../../platform/crypto/field-cipher.js';
import { appendAudit, systemActor } from '../../platform/audit/audit.js';
import { bulkInsert } from '../demo/bulk-insert.js';
import { SYNTHETIC } from '../demo/synthetic-label.js';
import { SyntheticRandom } from '../demo/synthetic-random.js';
import { isAssignedCountry } from './person-profile.checks.js';
import { sectionColumns } from './person-profile.service.js';

/**
 * The referral form's facts for the demo's synthetic cases (modules/person-profile): for most cases the languages and
 * interpreter, often a report to the police, the identity documents (often held by the exploiter), for children the
 * age assessment and the safeguarding authority, a safe contact and who receives the decision. Free text is labelled
 * [SYNTHETIC] and every section encrypted like real data. Deterministic for a seed; one INSERT per batch.
 */
export const DEMO_PROFILES_SEED = 20_241_202;
const BATCH = 500;

const languages = [['ro', 20], ['ti', 15], ['ar', 15], ['vi', 12], ['en', 10], ['fr', 8], ['uk', 8], ['pt', 6], ['es', 6]] as const;
const forces = ['Central District Police', 'Northern Region Police', 'Border Police', 'Capital City Police'] as const;

const columns = {
  case_id: 'uuid',
  police_report: 'bytea',
  communication: 'bytea',
  identity_documents: 'bytea',
  age_assessment: 'bytea',
  safe_contact: 'bytea',
  decision_recipient: 'bytea',
  background: 'bytea',
  updated_by: 'uuid',
} as const;

interface DemoCase {
  id: string;
  is_child: boolean;
  citizenships: string[];
  author: string;
}

export async function seedDemoProfiles(tx: Db, cipher: FieldCipher, options: { seed?: number; share?: number } = {}): Promise<{ profiles: number }> {
  const rng = SyntheticRandom.fromSeed(options.seed ?? DEMO_PROFILES_SEED);
  const share = options.share ?? 0.8;
  const cases = (await tx
    .selectFrom('cases as c')
    .innerJoin('persons as p', 'p.id', 'c.person_id')
    .innerJoin('organisations as o', 'o.id', 'c.managing_organisation_id')
    .select(['c.id', 'p.is_child', 'p.citizenships', 'c.case_manager_user_id as author'])
    .where('o.name', 'like', `${SYNTHETIC} %`)
    .where('c.case_manager_user_id', 'is not', null)
    .orderBy('c.opened_at')
    .orderBy('c.id')
    .execute()) as DemoCase[];
  // Once per demo: a second run adds nothing (not even to the cases the first one left without a form).
  const done = cases.length === 0 ? undefined : await tx.selectFrom('person_profiles').select('case_id').where('case_id', 'in', cases.map((c) => c.id)).limit(1).executeTakeFirst();
  if (done) return { profiles: 0 };
  let profiles = 0;
  for (let from = 0; from < cases.length; from += BATCH) {
    const rows: Array<Record<string, unknown>> = [];
    for (const c of cases.slice(from, from + BATCH)) {
      if (!rng.chance(share)) continue;
      // Demoland (XD, user-assigned) is not a country a document or a birth is recorded under: only assigned codes are.
      const country = c.citizenships.find(isAssignedCountry);
      const spoken = rng.weighted(languages.map(([code, weight]) => [code, weight] as const));
      const sections: Partial<Record<ProfileSection, unknown>> = {
        communication: { languages: [spoken], interpreterNeeded: spoken === 'en' ? 'no' : 'yes', ...(spoken === 'en' ? {} : { interpreterLanguage: spoken }) },
        policeReport: rng.chance(0.4)
          ? { reported: 'yes', force: rng.pick(forces), crimeReference: `CR/${rng.int(2019, 2026)}/${rng.int(1000, 99999)}` }
          : { reported: rng.pick(['no', 'unknown', 'declined'] as const) },
        identityDocuments: {
          documents: rng.chance(0.6) ? [{ type: 'passport', ...(country ? { issuingCountry: country } : {}), heldBy: rng.pick(['person', 'exploiter', 'exploiter', 'unknown'] as const) }] : [],
        },
        safeContact: { safeChannels: [rng.pick(['phone', 'in_person', 'through_third_party'] as const)], notes: `${SYNTHETIC} Call only in the afternoon.` },
        decisionRecipient: { recipient: rng.pick(['person', 'first_responder'] as const), permissionGiven: false },
      };
      if (c.is_child) {
        sections.ageAssessment = { underEighteen: 'yes', assessment: rng.pick(['not_sure', 'assessed', 'disputed'] as const), safeguardingAuthorityInformed: 'yes', safeguardingAuthority: `${SYNTHETIC} District child protection service` };
      }
      if (rng.chance(0.5)) {
        sections.background = { wishesToShare: true, ...(country ? { birthCountry: country } : {}), education: `${SYNTHETIC} Primary school.`, employmentHistory: `${SYNTHETIC} Seasonal farm work.` };
      }
      const row: Record<string, unknown> = { case_id: c.id, updated_by: c.author };
      for (const [section, value] of Object.entries(sections) as Array<[ProfileSection, unknown]>) {
        const column = sectionColumns[section];
        row[column] = cipher.encrypt(JSON.stringify(value), `person_profiles.${column}:${c.id}`);
      }
      rows.push(row);
    }
    await bulkInsert(tx, 'person_profiles', columns, rows);
    profiles += rows.length;
  }
  if (profiles > 0) {
    await appendAudit(tx, systemActor('demo'), { action: 'demo.generate_cases', purpose: 'administration', summary: `referral form facts recorded for ${profiles} synthetic cases` });
  }
  return { profiles };
}
