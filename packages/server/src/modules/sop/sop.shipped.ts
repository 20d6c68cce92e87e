import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { SopDocument, SopMeasure, SopNumber } from './sop.contracts.js';
import { sopDocumentOfVersion } from './sop.service.js';

/**
 * The default SOP set shipped with Palermo (migration 0004's version 1, saved by no one) is worded in English; the web
 * app has its titles and measures in every language, by SOP number and by the measure's stable id. A text of the SOP
 * in force that is still the shipped one word for word is shown in the reader's language; a text the country edited or
 * added (free text entered by the coordinator) is shown as entered. The comparison is per text, so a measure whose
 * method a country rewrote keeps its translated title. No column is needed: the shipped version is append-only.
 */
export interface ShippedTexts {
  readonly sopTitles: ReadonlyMap<number, string>;
  readonly measures: ReadonlyMap<string, { readonly title: string; readonly what: string; readonly how: string }>;
}

/** Which texts of a measure are the shipped ones (shown translated). */
export interface AsShipped {
  readonly sopTitle: boolean;
  readonly title: boolean;
  readonly what: boolean;
  readonly how: boolean;
}

const none: ShippedTexts = { sopTitles: new Map(), measures: new Map() };

export function shippedTextsOf(document: SopDocument): ShippedTexts {
  return {
    sopTitles: new Map(document.sops.map((sop) => [sop.number, sop.title])),
    measures: new Map(document.sops.flatMap((sop) => sop.measures.map((m) => [m.id, { title: m.title, what: m.what, how: m.how }] as const))),
  };
}

const known = new Map<string, ShippedTexts>();

/** The shipped texts, from version 1 when it is the default set (saved by no one); none otherwise. Read once per process. */
export async function shippedSopTexts(db: Db): Promise<ShippedTexts> {
  const { rows } = await sql<{ stamp: string; by_no_one: boolean }>`select created_at::text as stamp, created_by is null as by_no_one from sop_versions where version = 1`.execute(db);
  const row = rows[0];
  if (!row?.by_no_one) return none;
  let texts = known.get(row.stamp);
  if (!texts) {
    texts = shippedTextsOf(await sopDocumentOfVersion(db, 1, row.stamp));
    known.set(row.stamp, texts);
  }
  return texts;
}

/** Pure: which of the measure's texts (and its SOP's title) are word for word the shipped ones. */
export function asShipped(shipped: ShippedTexts, sop: { readonly number: SopNumber; readonly title: string }, measure: SopMeasure): AsShipped {
  const texts = shipped.measures.get(measure.id);
  return {
    sopTitle: shipped.sopTitles.get(sop.number) === sop.title,
    title: texts?.title === measure.title,
    what: texts?.what === measure.what,
    how: texts?.how === measure.how,
  };
}
