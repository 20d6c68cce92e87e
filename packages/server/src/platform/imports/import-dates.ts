import { format, isValid, parse } from 'date-fns';
import type { ImportDateFormat, ImportProblemCode, ImportProblemParams } from '@palermo/contracts';

/** A date read from a cell: the ISO day, or why it could not be read (in English, and as a code with its params). */
export type DateReading = { readonly date: string } | { readonly problem: string; readonly code: ImportProblemCode; readonly params: ImportProblemParams };

/** A fixed reference day for date-fns parse (only full dates are accepted, so it fills nothing). */
const REFERENCE = new Date(2000, 0, 1);

/**
 * Reads a date written in one of the mapping's formats. Every listed format is tried: a value that reads as one day
 * is that day; a value two formats read as different days (03/04/2020 as 3 April or 4 March when both day-first and
 * month-first are listed) is ambiguous and refused, never guessed; a value no format reads is refused naming the
 * formats. An ISO date (yyyy-MM-dd, as a spreadsheet's date cells are read) is always accepted. A format must consume the whole value (date-fns parse is strict), so 2020-13-01 or 31/02/2020 are refused.
 */
export function readImportDate(text: string, formats: readonly ImportDateFormat[]): DateReading {
  const value = text.trim();
  const days = new Set<string>();
  for (const pattern of new Set<string>([...formats, 'yyyy-MM-dd'])) {
    const parsed = parse(value, pattern, REFERENCE);
    if (isValid(parsed) && parsed.getFullYear() >= 1000) days.add(format(parsed, 'yyyy-MM-dd'));
  }
  const [only, ...others] = [...days];
  if (only === undefined) return { problem: `"${value}" is not a date in the formats of the mapping (${formats.join(', ')})`, code: 'not-a-date', params: { value, formats: formats.join(', ') } };
  if (others.length > 0) return { problem: `"${value}" is ambiguous: it reads as ${[only, ...others].join(' or ')}; write it as yyyy-MM-dd or keep one of the day-first and month-first formats`, code: 'ambiguous-date', params: { value, dates: [only, ...others].join(', ') } };
  return { date: only };
}
