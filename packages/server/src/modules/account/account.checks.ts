import { differenceInYears, isAfter, isBefore, parseISO } from 'date-fns';
import countries from 'i18n-iso-countries';
import type { Answer, ExploiterFields, SituationFields } from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';
import type { FieldCipher } from '../../platform/crypto/field-cipher.js';
import { HttpError } from '../../platform/http/errors.js';
import { decryptPerson } from '../person/person.crypto.js';

type Issue = { field: string; problem: string };

const known = <T>(answer: Answer<T> | undefined): T | undefined => (answer?.state === 'known' ? answer.value : undefined);

/**
 * An ISO 3166-1 assigned code, or one of the X codes ISO leaves to its users: Kosovo has none and the field writes XK
 * (as statistical-records/country-codes.ts); the demo's Demoland is XD. Other unassigned codes (ZZ, QQ...) are refused.
 */
const isAssignedCountry = (code: string) => /^X[A-Z]$/u.test(code) || countries.isValid(code);

function refuse(issues: Issue[]): void {
  if (issues.length > 0) throw new HttpError(400, 'validation', issues.map((i) => `${i.field}: ${i.problem}`).join('; '), issues);
}

/** The person's birth date, if recorded (decrypted to check ages against it; never returned). */
async function birthDateOf(tx: Db, cipher: FieldCipher, personId: string): Promise<Date | undefined> {
  const person = await tx.selectFrom('persons').selectAll().where('id', '=', personId).executeTakeFirstOrThrow();
  const { birthDate } = await decryptPerson(cipher, tx, person, ['birthDate']);
  return birthDate ? parseISO(birthDate) : undefined;
}

/**
 * What the request's shape cannot say: the end before the start, dates in the future or before her birth, an age at
 * the time that contradicts her birth date (a year either way is accepted: people count ages differently), a country
 * code ISO does not assign, an acquaintance detail without an acquaintance. Every problem is named; nothing is stored.
 */
export async function checkSituation(tx: Db, cipher: FieldCipher, personId: string, fields: SituationFields, today = new Date()): Promise<void> {
  const issues: Issue[] = [];
  const start = known(fields.startDate);
  const end = known(fields.endDate);
  const startDate = start ? parseISO(start) : undefined;
  const endDate = end ? parseISO(end) : undefined;
  if (startDate && isAfter(startDate, today)) issues.push({ field: 'startDate', problem: 'must not be in the future' });
  if (endDate && isAfter(endDate, today)) issues.push({ field: 'endDate', problem: 'must not be in the future' });
  if (startDate && endDate && isBefore(endDate, startDate)) issues.push({ field: 'endDate', problem: 'must not be before the start date' });
  if (endDate && known(fields.ongoing) === true) issues.push({ field: 'ongoing', problem: 'cannot be true when an end date is given' });
  const age = known(fields.ageAtStart);
  const birth = startDate || age !== undefined ? await birthDateOf(tx, cipher, personId) : undefined;
  if (birth && startDate && isBefore(startDate, birth)) issues.push({ field: 'startDate', problem: 'must not be before her birth date' });
  if (birth && age !== undefined) {
    const expected = differenceInYears(startDate ?? today, birth);
    if (startDate ? Math.abs(age - expected) > 1 : age > expected + 1) {
      issues.push({ field: 'ageAtStart', problem: startDate ? 'contradicts her birth date and the start date' : 'is older than she is today, by her birth date' });
    }
  }
  fields.places.forEach((place, i) => {
    const country = known(place.country);
    if (country && !isAssignedCountry(country)) issues.push({ field: `places.${i}.country`, problem: 'is not an assigned ISO 3166-1 country code' });
  });
  if (fields.recruiterAcquaintance && known(fields.recruiterRelationship) !== 'Acquainted') {
    issues.push({ field: 'recruiterAcquaintance', problem: 'is only given when the recruiter was an acquaintance' });
  }
  refuse(issues);
}

/** An exploiter's checks: the country, the acquaintance detail, and that the situations named are this case's. */
export async function checkExploiter(tx: Db, caseId: string, fields: ExploiterFields): Promise<void> {
  const issues: Issue[] = [];
  const country = known(fields.whereaboutsCountry);
  if (country && !isAssignedCountry(country)) issues.push({ field: 'whereaboutsCountry', problem: 'is not an assigned ISO 3166-1 country code' });
  if (fields.acquaintance && known(fields.relationship) !== 'Acquainted') {
    issues.push({ field: 'acquaintance', problem: 'is only given when she knew them as an acquaintance' });
  }
  if (new Set(fields.situationIds).size !== fields.situationIds.length) issues.push({ field: 'situationIds', problem: 'must not repeat a situation' });
  else if (fields.situationIds.length > 0) {
    const found = await tx.selectFrom('account_situations').select('id').where('case_id', '=', caseId).where('id', 'in', fields.situationIds).execute();
    if (found.length !== fields.situationIds.length) issues.push({ field: 'situationIds', problem: 'must name situations of this case' });
  }
  refuse(issues);
}
