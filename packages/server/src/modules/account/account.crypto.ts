import type { ExploiterData, ExploiterFields, SituationData, SituationFields, StatementFields } from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';
import type { FieldCipher } from '../../platform/crypto/field-cipher.js';

/**
 * How an account record is split between its structured part (codes, dates, country codes: jsonb, readable for
 * statistics and exports) and its free text and identities (one encrypted JSON per record, bound to its row and
 * column, so a ciphertext copied to another record fails to decrypt).
 */

export type Binding = `${string}.${string}:${string}`;
export const binding = (table: string, column: string, id: string): Binding => `${table}.${column}:${id}`;

export function encryptJson(cipher: FieldCipher, value: unknown, where: Binding): Buffer {
  return cipher.encrypt(JSON.stringify(value), where);
}

export async function decryptJson<T>(cipher: FieldCipher, db: Db, blob: Uint8Array, where: Binding): Promise<T> {
  return JSON.parse(await cipher.decrypt(blob, where, db)) as T;
}

export interface SituationPersonal {
  readonly promised?: SituationFields['promised'];
  readonly placeTexts: Array<string | null>;
}

export function splitSituation(fields: SituationFields): { data: SituationData; personal: SituationPersonal } {
  const { promised, places, ...rest } = fields;
  const data: SituationData = { ...rest, places: places.map(({ place: _place, ...p }) => p) };
  const personal: SituationPersonal = { ...(promised ? { promised } : {}), placeTexts: places.map((p) => p.place ?? null) };
  return { data, personal };
}

export function joinSituation(data: SituationData, personal: SituationPersonal): SituationFields {
  const places = (data.places ?? []).map((p, i) => {
    const place = personal.placeTexts[i];
    return place ? { ...p, place } : p;
  });
  return { ...data, places, ...(personal.promised ? { promised: personal.promised } : {}) } as SituationFields;
}

export interface ExploiterPersonal {
  readonly identity?: ExploiterFields['identity'];
  readonly whereabouts?: ExploiterFields['whereabouts'];
  readonly otherVictims?: ExploiterFields['otherVictims'];
}

export function splitExploiter(fields: ExploiterFields): { kind: ExploiterFields['kind']; pseudonym: string; data: ExploiterData; personal: ExploiterPersonal } {
  const { kind, pseudonym, identity, whereabouts, otherVictims, ...data } = fields;
  const personal: ExploiterPersonal = {
    ...(identity ? { identity } : {}),
    ...(whereabouts ? { whereabouts } : {}),
    ...(otherVictims ? { otherVictims } : {}),
  };
  return { kind, pseudonym, data, personal };
}

export function joinExploiter(kind: string, pseudonym: string, data: ExploiterData, personal: ExploiterPersonal): ExploiterFields {
  return { kind, pseudonym, ...data, ...personal } as ExploiterFields;
}

export type StatementPersonal = StatementFields;
