import type { PdfWriter } from '../../platform/pdf/pdf-document.js';
import type { Words } from './labels.js';

/**
 * Writes a record as the modules present it (a view object) as labelled lines: answers that may be unknown or declined
 * say so, dates are written as dates, free text as it was entered, lists item by item. Keys that only serve the
 * application (ids, versions, edit flags) are left out. A key is labelled from `personRecord.fields`, else from the
 * person's fields, else spelt out from its name.
 */
const internal = new Set([
  'id', 'caseId', 'version', 'canEdit', 'suspectLinkId', 'supersedesId', 'supersededById', 'authorUserId', 'organisationId',
  'updatedByName', 'authorName', 'changedByName', 'screenedByName', 'visibility', 'caseVersion',
]);
/** The referral form's answers (yes, no, not known, declined to answer), in words. */
const profileAnswers: Record<string, string> = {
  yes: 'personRecord.pdf.yes',
  no: 'personRecord.pdf.no',
  unknown: 'personRecord.pdf.unknown',
  declined: 'personRecord.pdf.declined',
};
const isoTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

function spelt(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/_/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function labelOf(words: Words, key: string): string {
  return (
    words.has(`personRecord.fields.${key}`) ?? words.has(`account.fields.${key}`) ?? words.has(`personProfile.fields.${key}`) ?? words.has(`recordFields.${key}`) ?? words.has(`personFields.${key}`) ?? spelt(key)
  );
}

/** Where the words for a key's codes are, besides `account.codes.<key>` (the account's vocabularies). */
const vocabularyOf: Record<string, string> = {
  forms: 'exploitation',
  relationship: 'account.codes.recruiterRelationship',
  acquaintance: 'account.codes.recruiterAcquaintance',
  underEighteen: 'personProfile.underEighteenAnswers',
  assessment: 'personProfile.ageAssessmentStatuses',
  safeChannels: 'personProfile.channels',
  recipient: 'personProfile.recipients',
  type: 'personProfile.documentTypes',
  heldBy: 'personProfile.holders',
  methodsOfControl: 'personProfile.methodsOfControl',
  domain: 'services',
  level: 'needLevels',
  status: 'goalStatuses',
  serviceType: 'serviceTypes',
  areas: 'riskAreas',
  milestone: 'followUpMilestones',
  guardianType: 'guardianTypes',
  residenceStatus: 'residenceStatuses',
};
const countryKeys = new Set(['country', 'whereaboutsCountry', 'issuingCountry', 'birthCountry', 'countryOfExploitation']);
const languageKeys = new Set(['languages', 'interpreterLanguage']);

/** A code in words: the vocabulary its key names, a country or a language by name; anything else as recorded. */
function codeInWords(words: Words, key: string, value: string): string {
  if (countryKeys.has(key) && /^[A-Z]{2,3}$/.test(value)) return words.country(value);
  if (languageKeys.has(key)) {
    try {
      return new Intl.DisplayNames([words.language], { type: 'language' }).of(value) ?? value;
    } catch {
      return value;
    }
  }
  return words.has(`account.codes.${key}.${value}`) ?? (vocabularyOf[key] ? words.has(`${vocabularyOf[key]}.${value}`) : undefined) ?? value;
}

function scalar(words: Words, value: unknown, key = ''): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  if (typeof value === 'boolean') return words.t(value ? 'personRecord.pdf.yes' : 'personRecord.pdf.no');
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') {
    if (Object.hasOwn(profileAnswers, value)) return words.t(profileAnswers[value] ?? '');
    return isoTime.test(value) ? words.time(value) : codeInWords(words, key, value);
  }
  return undefined;
}

/** An answer that may be known, unknown or declined (`{ state, value }`), as text; undefined when not such an answer. */
function answer(words: Words, value: Record<string, unknown>, key: string): string | undefined | null {
  if (typeof value.state !== 'string' || !['known', 'unknown', 'declined'].includes(value.state)) return null;
  if (value.state === 'unknown') return words.t('personRecord.pdf.unknown');
  if (value.state === 'declined') return words.t('personRecord.pdf.declined');
  return inline(words, value.value, key);
}

function inline(words: Words, value: unknown, key = ''): string | undefined {
  const simple = scalar(words, value, key);
  if (simple !== undefined) return simple;
  if (Array.isArray(value) && value.every((v) => typeof v !== 'object' || v === null)) {
    const parts = value.map((v) => scalar(words, v, key)).filter((v): v is string => v !== undefined);
    return parts.length > 0 ? parts.join(', ') : undefined;
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const known = answer(words, value as Record<string, unknown>, key);
    if (known !== null) return known;
  }
  return undefined;
}

/** Writes `value` under `label`; returns whether anything was written. */
export function writeValue(pdf: PdfWriter, words: Words, label: string, value: unknown, indent = 0, key = ''): boolean {
  const text = inline(words, value, key);
  if (text !== undefined) {
    pdf.keepRoom(40);
    pdf.text(label, { size: 'label', bold: true, colour: '#444444', indent });
    pdf.text(text, { size: 'body', after: 3, indent });
    return true;
  }
  if (Array.isArray(value)) {
    const items = value.filter((v) => v !== null && v !== undefined);
    if (items.length === 0) return false;
    pdf.keepRoom(40);
    pdf.text(label, { size: 'label', bold: true, colour: '#444444', indent });
    items.forEach((item, index) => {
      pdf.text(`${index + 1}.`, { size: 'label', bold: true, indent: indent + 10 });
      writeObject(pdf, words, item, indent + 20);
    });
    return true;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([key, v]) => !internal.has(key) && v !== null && v !== undefined);
    if (entries.length === 0) return false;
    pdf.text(label, { size: 'label', bold: true, colour: '#444444', indent });
    writeObject(pdf, words, value, indent + 12);
    return true;
  }
  return false;
}

export function writeObject(pdf: PdfWriter, words: Words, value: unknown, indent = 0): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const text = inline(words, value);
    if (text !== undefined) pdf.text(text, { size: 'body', after: 3, indent });
    return;
  }
  for (const [key, inner] of Object.entries(value)) {
    if (internal.has(key)) continue;
    writeValue(pdf, words, labelOf(words, key), inner, indent, key);
  }
}
