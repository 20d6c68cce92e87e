import type { TFunction } from 'i18next';

type Loose = (key: string, options?: Record<string, unknown>) => string;
export type MeasurePart = 'title' | 'what' | 'how';

/**
 * A text of an SOP measure in the reader's language: the default SOP shipped with Palermo has every measure's title,
 * purpose and method under `sopMeasures.<measure id>`, used where the server says the text is still the shipped one
 * (`shipped`); a text the country edited or added is its own free text, shown as entered.
 */
export function measureText(t: TFunction, exists: (key: string) => boolean, measureId: string, part: MeasurePart, text: string, shipped: boolean): string {
  const key = `sopMeasures.${measureId}.${part}`;
  return shipped && exists(key) ? (t as unknown as Loose)(key) : text;
}

/** An SOP's title: the shipped default's in the reader's language (`sops.<number>`), a country's own as entered. */
export function sopTitleText(t: TFunction, exists: (key: string) => boolean, sop: number, text: string, shipped: boolean): string {
  const key = `sops.${sop}`;
  return shipped && exists(key) ? (t as unknown as Loose)(key) : text;
}
