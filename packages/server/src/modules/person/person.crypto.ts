import type { CreatePersonRequest } from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';
import type { FieldCipher } from '../../platform/crypto/field-cipher.js';
import type { PersonRow } from '../../platform/db/schema.js';

/** The person columns that identify someone: all stored as ciphertext bound to their row and column. */
export const encryptedPersonFields = [
  ['givenName', 'given_name'],
  ['familyName', 'family_name'],
  ['pseudonym', 'pseudonym'],
  ['birthDate', 'birth_date'],
  ['phone', 'phone'],
  ['address', 'address'],
  ['identityNumber', 'identity_number'],
  ['notes', 'notes'],
] as const;

type FieldName = (typeof encryptedPersonFields)[number][0];
type ColumnName = (typeof encryptedPersonFields)[number][1];

const binding = (column: ColumnName, id: string) => `persons.${column}:${id}`;

export function encryptPerson(cipher: FieldCipher, id: string, input: CreatePersonRequest): Record<ColumnName, Buffer | null> {
  const out = {} as Record<ColumnName, Buffer | null>;
  for (const [field, column] of encryptedPersonFields) out[column] = cipher.encryptOptional(input[field], binding(column, id));
  return out;
}

export async function decryptPerson(
  cipher: FieldCipher,
  db: Db,
  row: PersonRow,
  fields: readonly FieldName[] = encryptedPersonFields.map(([f]) => f),
): Promise<Record<FieldName, string | null>> {
  const out = {} as Record<FieldName, string | null>;
  for (const [field, column] of encryptedPersonFields) {
    out[field] = fields.includes(field) ? await cipher.decryptOptional(row[column], binding(column, row.id), db) : null;
  }
  return out;
}
