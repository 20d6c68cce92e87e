import { sql } from 'kysely';
import { formatISO, subDays } from 'date-fns';
import {
  crossBorderOverdueDays, crossBorderRequestCreate, crossBorderStatusUpdate, linkVictimRequest, recordCompensationRequest, recordCooperationRequest,
  recordNonPunishmentRequest, recordProtectionRequest, type CooperationLevel, type CrossBorderAsk, type CrossBorderKind,
} from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';
import type { FieldCipher } from '../../platform/crypto/field-cipher.js';
import type { Subject } from '../../platform/access/rules.js';
import { systemActor } from '../../platform/audit/audit.js';
import { linkVictim, recordCompensation, recordCooperation, recordNonPunishment, recordProtection } from '../proceedings/victims.service.js';
import { createRequest, updateRequestStatus } from '../proceedings/cross-border.service.js';
import { SyntheticRandom } from './synthetic-random.js';
import { DEMO_COUNTRY_CODE } from './synthetic-label.js';
import { created, demoHolder } from './demo.network.js';
import { SYNTHETIC } from './demo.seed.js';

/** Victims of demo cases linked to demo proceedings (at most: as many as consented to share with law enforcement). */
export const DEMO_VICTIMS = 30;
/** Cross-border requests of demo investigations, of which DEMO_OVERDUE_REQUESTS still wait past their kind's time. */
export const DEMO_REQUESTS = 40;
export const DEMO_OVERDUE_REQUESTS = 6;
const SEED = 20260603;

const iso = (date: Date) => formatISO(date, { representation: 'date' });
const later = (a: string, b: string) => (a > b ? a : b);
const ladder: readonly CooperationLevel[] = ['information', 'statement', 'complaint', 'testimony'];

export interface DemoProceedingsSummary {
  readonly victims: number;
  readonly requests: number;
}

interface Investigation { id: string; opened: string; suspects: string[] }

/** The demo's investigations (opened at least a quarter ago), with their suspects, oldest first. */
async function demoInvestigations(tx: Db, today: Date): Promise<Investigation[]> {
  const rows = await tx
    .selectFrom('prosecution_investigations as i')
    .innerJoin('prosecution_operations as o', 'o.id', 'i.operation_id')
    .leftJoin('prosecution_suspects as s', 's.investigation_id', 'i.id')
    .select(['i.id', sql<string>`i.opened_on::text`.as('opened'), sql<string[]>`coalesce(array_agg(s.id order by s.import_key) filter (where s.id is not null), '{}')`.as('suspects')])
    .where('o.import_key', 'like', 'DEMO-%')
    .where('i.prosecution_office_id', 'is not', null)
    .where('i.opened_on', '<=', iso(subDays(today, 90)))
    .groupBy(['i.id', 'i.opened_on', 'i.import_key'])
    .orderBy('i.opened_on')
    .orderBy('i.import_key')
    .execute();
  return rows;
}

/**
 * Victims in proceedings, through the proceedings services (so her consent is checked and every record audited): demo
 * cases whose person consented to share with law enforcement, linked by their caseworker to a demo investigation as
 * witness, injured or civil party; her cooperation chosen step by step (some go as far as testimony, some step back);
 * protection measures requested in court, most provided; for some a non-punishment claim, and compensation claimed,
 * ordered and (often) paid. Does nothing once a demo investigation has a victim linked.
 */
async function seedVictims(tx: Db, cipher: FieldCipher, random: SyntheticRandom, investigations: readonly Investigation[], today: Date): Promise<number> {
  const cases = await tx
    .selectFrom('cases as c')
    .innerJoin('organisations as g', 'g.id', 'c.managing_organisation_id')
    .innerJoin('person_consents as pc', (j) => j.onRef('pc.person_id', '=', 'c.person_id').on('pc.purpose', '=', 'law_enforcement').on('pc.status', '=', 'given'))
    .select(['c.id', 'c.managing_organisation_id', 'g.type', sql<string>`c.opened_at::date::text`.as('opened')])
    .where('g.name', 'like', `${SYNTHETIC} %`)
    .orderBy('c.reference')
    .limit(DEMO_VICTIMS)
    .execute();
  const actor = systemActor('demo');
  const todayIso = iso(today);
  const after = (from: string, min: number, max: number) => {
    const day = iso(random.after(new Date(`${from}T12:00:00Z`), min, max));
    return day > todayIso ? todayIso : day;
  };
  let victims = 0;
  for (const found of cases) {
    const caseworker = await demoHolder(tx, 'caseworker', [found.type], found.managing_organisation_id);
    const investigation = random.pick(investigations);
    if (!caseworker) continue;
    const linkedOn = after(later(investigation.opened, found.opened), 1, 60);
    const suspectId = investigation.suspects.length > 0 && random.chance(0.7) ? random.pick(investigation.suspects) : undefined;
    const standing = random.weighted([['witness', 5], ['injured_party', 3], ['civil_party', 2]] as const);
    const victim = created(await linkVictim(tx, cipher, caseworker, actor, found.id, linkVictimRequest.parse({ investigationId: investigation.id, standing, linkedOn, ...(suspectId ? { suspectId } : {}) })), 'link to proceedings');
    victims += 1;
    // Her choice, graduated: information first, then as far as she chooses to go; some later step back to none.
    let chosenOn = linkedOn;
    const furthest = random.weighted([[0, 2], [1, 3], [2, 2], [3, 3]] as const);
    for (const level of ladder.slice(0, furthest + 1)) {
      created(await recordCooperation(tx, caseworker, actor, victim.id, recordCooperationRequest.parse({ level, chosenOn })), 'cooperation');
      chosenOn = after(chosenOn, 7, 90);
    }
    if (random.chance(0.1)) created(await recordCooperation(tx, caseworker, actor, victim.id, recordCooperationRequest.parse({ level: 'none', chosenOn })), 'cooperation');
    if (furthest >= 2 || random.chance(0.3)) {
      for (const measure of random.sample(['screen', 'video_link', 'support_person', 'identity_protection', 'escort', 'closed_hearing'] as const, random.int(1, 3))) {
        const requestedOn = after(linkedOn, 5, 120);
        const outcome = random.weighted([['provided', 6], ['refused', 2], ['pending', 2]] as const);
        created(await recordProtection(tx, caseworker, actor, victim.id, recordProtectionRequest.parse({ measure, requestedOn, outcome, ...(outcome === 'pending' ? {} : { decidedOn: after(requestedOn, 3, 45) }) })), 'protection');
      }
    }
    if (random.chance(0.25)) {
      const claimedOn = after(linkedOn, 1, 60);
      const outcome = random.weighted([['granted', 5], ['refused', 2], ['pending', 2]] as const);
      const offence = random.pick(['immigration', 'document_fraud', 'sex_work', 'drugs', 'theft', 'begging'] as const);
      created(await recordNonPunishment(tx, caseworker, actor, victim.id, recordNonPunishmentRequest.parse({ offence, claimedOn, outcome, ...(outcome === 'pending' ? {} : { decidedOn: after(claimedOn, 10, 120) }) })), 'non-punishment claim');
    }
    if (standing !== 'witness' || random.chance(0.3)) {
      const claimedOn = after(linkedOn, 10, 120);
      const route = standing === 'civil_party' ? 'civil_proceedings' : random.weighted([['criminal_proceedings', 6], ['state_fund', 3]] as const);
      const ordered = random.chance(0.7) ? { amountOrdered: random.int(2, 60) * 50_000, orderedOn: after(claimedOn, 30, 300) } : {};
      const paid = ordered.amountOrdered !== undefined && random.chance(0.6)
        ? { amountPaid: random.chance(0.6) ? ordered.amountOrdered : Math.floor(ordered.amountOrdered * random.int(10, 90) / 100), paidOn: after(ordered.orderedOn, 20, 365) }
        : {};
      created(await recordCompensation(tx, caseworker, actor, victim.id, recordCompensationRequest.parse({ route, claimedOn, currency: 'EUR', ...ordered, ...paid })), 'compensation claim');
    }
  }
  return victims;
}

const countries = ['MD', 'RO', 'NG', 'UA', 'VN', 'BG', 'AL', 'TH', 'IT', 'DE'];
const asksOf: Record<CrossBorderKind, readonly CrossBorderAsk[]> = {
  mutual_legal_assistance: ['evidence', 'witness_hearing', 'search_seizure', 'asset_freezing', 'information'],
  extradition: ['arrest', 'surrender'],
  interpol_notice: ['locate_person', 'arrest', 'information'],
  europol_request: ['information', 'evidence'],
  joint_investigation_team: ['joint_team', 'evidence'],
};

/**
 * Cross-border requests of demo investigations, through the proceedings service: mutual legal assistance and
 * extradition recorded by the prosecution office, Interpol, Europol and joint investigation teams by the police; most
 * acknowledged and answered (some refused, with grounds, a few withdrawn), and DEMO_OVERDUE_REQUESTS still waiting
 * past their kind's time, so the prosecutor's home page flags them. Does nothing once a demo investigation has one.
 */
async function seedRequests(tx: Db, random: SyntheticRandom, investigations: readonly Investigation[], today: Date): Promise<number> {
  const police = await demoHolder(tx, 'investigator', ['law_enforcement']);
  const prosecutor = await demoHolder(tx, 'prosecutor', ['prosecutor']);
  if (!police || !prosecutor) return 0;
  const actor = systemActor('demo');
  const todayIso = iso(today);
  const after = (from: string, min: number, max: number) => {
    const day = iso(random.after(new Date(`${from}T12:00:00Z`), min, max));
    return day > todayIso ? todayIso : day;
  };
  let requests = 0;
  for (let n = 0; n < DEMO_REQUESTS; n++) {
    const kind = random.weighted([['mutual_legal_assistance', 5], ['extradition', 2], ['interpol_notice', 3], ['europol_request', 3], ['joint_investigation_team', 1]] as const);
    const overdue = n < DEMO_OVERDUE_REQUESTS;
    const waited = crossBorderOverdueDays[kind];
    // An overdue request was sent more than its kind's days ago, from an investigation opened before that.
    const latestSent = iso(subDays(today, overdue ? waited + 10 : 0));
    const candidates = investigations.filter((i) => i.opened < latestSent);
    if (candidates.length === 0) continue;
    const investigation = overdue ? random.pick(candidates.slice(-20)) : random.pick(candidates);
    const sentOn = overdue ? iso(random.after(new Date(`${later(investigation.opened, iso(subDays(today, waited + 200)))}T12:00:00Z`), 1, 180)) : after(investigation.opened, 5, 400);
    const sent = sentOn > latestSent ? latestSent : sentOn;
    const recorder: Subject = kind === 'mutual_legal_assistance' || kind === 'extradition' ? prosecutor : police;
    const incoming = random.chance(0.2);
    const other = random.pick(countries);
    const input = crossBorderRequestCreate.parse({
      kind, direction: incoming ? 'incoming' : 'outgoing', requestingCountry: incoming ? other : DEMO_COUNTRY_CODE, requestedCountry: incoming ? DEMO_COUNTRY_CODE : other,
      sentOn: sent, asks: random.sample(asksOf[kind], random.int(1, 2)),
    });
    const request = created(await createRequest(tx, recorder, actor, investigation.id, input), `${kind} request`);
    requests += 1;
    const move = async (status: 'acknowledged' | 'answered' | 'refused' | 'withdrawn', on: string, refusalGrounds?: string[]) =>
      created(await updateRequestStatus(tx, recorder, actor, request.id, crossBorderStatusUpdate.parse({ status, on, ...(refusalGrounds ? { refusalGrounds } : {}) })), `${kind} ${status}`);
    if (overdue) {
      if (random.chance(0.5)) await move('acknowledged', after(sent, 2, 20));
      continue;
    }
    let on = sent;
    if (random.chance(0.7)) await move('acknowledged', (on = after(on, 2, 20)));
    if (on >= todayIso) continue;
    const end = random.weighted([['answered', 6], ['refused', 2], ['withdrawn', 1], ['open', 1]] as const);
    const closedOn = after(on, 10, Math.max(11, waited * 1.5));
    // A request that would still be waiting past its time is answered instead (only the chosen few are overdue).
    if (end === 'open' && (today.getTime() - new Date(sent).getTime()) / 86_400_000 < waited) continue;
    if (end === 'refused') await move('refused', closedOn, random.sample(['dual_criminality', 'own_national', 'insufficient_evidence', 'procedural_defect', 'fair_trial'], random.int(1, 2)));
    else if (end === 'withdrawn') await move('withdrawn', closedOn);
    else await move('answered', closedOn);
  }
  return requests;
}

/** Victims in proceedings and cross-border requests of the demo's prosecution history (see the two functions above). */
export async function seedDemoProceedings(tx: Db, cipher: FieldCipher, today = new Date()): Promise<DemoProceedingsSummary> {
  const investigations = await demoInvestigations(tx, today);
  if (investigations.length === 0) return { victims: 0, requests: 0 };
  const ids = investigations.map((i) => i.id);
  const random = SyntheticRandom.fromSeed(SEED);
  const victimRandom = random.fork();
  const linked = await tx.selectFrom('proceeding_victims').select('id').where('investigation_id', 'in', ids).limit(1).executeTakeFirst();
  const victims = linked ? 0 : await seedVictims(tx, cipher, victimRandom, investigations, today);
  const asked = await tx.selectFrom('cross_border_requests').select('id').where('investigation_id', 'in', ids).limit(1).executeTakeFirst();
  const requests = asked ? 0 : await seedRequests(tx, random, investigations, today);
  return { victims, requests };
}
