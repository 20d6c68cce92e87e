import {
  ageAssessmentStatuses,
  contactChannels,
  decisionRecipients,
  documentHolders,
  identityDocumentTypes,
  profileAnswers,
  underEighteenAnswers,
  type ProfileSection,
} from '@palermo/contracts';

/** How a field of a section is entered and shown. */
export type FieldKind =
  | { kind: 'choice'; options: readonly string[]; labels: string }
  | { kind: 'text' }
  | { kind: 'textarea' }
  | { kind: 'date' }
  | { kind: 'number' }
  | { kind: 'country' }
  | { kind: 'language' }
  | { kind: 'languages' }
  | { kind: 'checkboxes'; options: readonly string[]; labels: string }
  | { kind: 'boolean' };

export interface FieldSpec {
  /** The key in the section's value; `a.b` for a nested object (the trusted third party). */
  readonly name: string;
  readonly input: FieldKind;
  /** Required by the contract: the form starts with the first option chosen. */
  readonly required?: boolean;
}

const answer: FieldKind = { kind: 'choice', options: profileAnswers, labels: 'personProfile.answers' };

/** The fields of each section, in the order of the referral form. Identity documents are a list, edited apart. */
export const sectionFields: Record<Exclude<ProfileSection, 'identityDocuments'>, readonly FieldSpec[]> = {
  policeReport: [
    { name: 'reported', input: answer, required: true },
    { name: 'force', input: { kind: 'text' } },
    { name: 'crimeReference', input: { kind: 'text' } },
    { name: 'reportedOn', input: { kind: 'date' } },
  ],
  communication: [
    { name: 'languages', input: { kind: 'languages' } },
    { name: 'interpreterNeeded', input: answer, required: true },
    { name: 'interpreterLanguage', input: { kind: 'language' } },
    { name: 'otherNeeds', input: { kind: 'textarea' } },
  ],
  ageAssessment: [
    { name: 'underEighteen', input: { kind: 'choice', options: underEighteenAnswers, labels: 'personProfile.underEighteenAnswers' }, required: true },
    { name: 'assessment', input: { kind: 'choice', options: ageAssessmentStatuses, labels: 'personProfile.ageAssessmentStatuses' }, required: true },
    { name: 'assessedAge', input: { kind: 'number' } },
    { name: 'assessedOn', input: { kind: 'date' } },
    { name: 'safeguardingAuthorityInformed', input: answer, required: true },
    { name: 'safeguardingAuthority', input: { kind: 'text' } },
    { name: 'informedOn', input: { kind: 'date' } },
  ],
  safeContact: [
    { name: 'safeChannels', input: { kind: 'checkboxes', options: contactChannels, labels: 'personProfile.channels' } },
    { name: 'phone', input: { kind: 'text' } },
    { name: 'email', input: { kind: 'text' } },
    { name: 'trustedThirdParty.name', input: { kind: 'text' } },
    { name: 'trustedThirdParty.relationship', input: { kind: 'text' } },
    { name: 'trustedThirdParty.contact', input: { kind: 'text' } },
    { name: 'notes', input: { kind: 'textarea' } },
  ],
  decisionRecipient: [
    { name: 'recipient', input: { kind: 'choice', options: decisionRecipients, labels: 'personProfile.recipients' }, required: true },
    { name: 'name', input: { kind: 'text' } },
    { name: 'contact', input: { kind: 'text' } },
    { name: 'permissionGiven', input: { kind: 'boolean' } },
  ],
  background: [
    { name: 'wishesToShare', input: { kind: 'boolean' } },
    { name: 'birthCountry', input: { kind: 'country' } },
    { name: 'birthPlace', input: { kind: 'text' } },
    { name: 'family', input: { kind: 'textarea' } },
    { name: 'education', input: { kind: 'textarea' } },
    { name: 'employmentHistory', input: { kind: 'textarea' } },
  ],
};

export const documentFields: readonly FieldSpec[] = [
  { name: 'type', input: { kind: 'choice', options: identityDocumentTypes, labels: 'personProfile.documentTypes' }, required: true },
  { name: 'number', input: { kind: 'text' } },
  { name: 'issuingCountry', input: { kind: 'country' } },
  { name: 'heldBy', input: { kind: 'choice', options: documentHolders, labels: 'personProfile.holders' }, required: true },
];

export type FormValues = Record<string, string | string[] | boolean>;

function read(value: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), value);
}

/** A stored value as the form's strings (empty when not recorded). */
export function toForm(fields: readonly FieldSpec[], value: unknown): FormValues {
  const out: FormValues = {};
  for (const field of fields) {
    const current = read(value, field.name);
    const { input } = field;
    if (input.kind === 'checkboxes') out[field.name] = Array.isArray(current) ? (current as string[]) : [];
    else if (input.kind === 'boolean') out[field.name] = current === true;
    else if (input.kind === 'languages') out[field.name] = Array.isArray(current) ? (current as string[]).join(', ') : '';
    else if (current !== undefined && current !== null) out[field.name] = String(current);
    else out[field.name] = field.required && input.kind === 'choice' ? (input.options[0] ?? '') : '';
  }
  return out;
}

/** The form's strings as the section's value: empty fields left out, numbers and lists read. */
export function fromForm(fields: readonly FieldSpec[], form: FormValues): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const put = (path: string, value: unknown) => {
    const keys = path.split('.');
    let node = out;
    for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
    node[keys[keys.length - 1] ?? path] = value;
  };
  for (const field of fields) {
    const raw = form[field.name];
    const { input } = field;
    if (input.kind === 'checkboxes') put(field.name, raw);
    else if (input.kind === 'boolean') put(field.name, raw === true);
    else if (typeof raw !== 'string' || raw.trim() === '') continue;
    else if (input.kind === 'languages') put(field.name, raw.split(',').map((part) => part.trim()).filter(Boolean));
    else if (input.kind === 'number') put(field.name, Number(raw));
    else if (input.kind === 'country') put(field.name, raw.trim().toUpperCase());
    else if (input.kind === 'language') put(field.name, raw.trim());
    else put(field.name, raw);
  }
  return out;
}

/** The key of a field's label: `personProfile.fields.<section>.<name>`. */
export const fieldLabelKey = (section: string, name: string) => `personProfile.fields.${section}.${name.replace('.', '_')}`;
