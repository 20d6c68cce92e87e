import { formsOfExploitation, type FormOfExploitation } from '@palermo/contracts';

/**
 * The operation's forms of exploitation as GLOTIP's three (data-standard.md §3.2): sexual exploitation; forced labour
 * (forced or child labour, servitude); every other form (begging, forced marriage, organ removal, ...) as "Other
 * forms of exploitation". A person is counted under one: several GLOTIP forms are "Other forms", as the victims' table
 * counts a victim with several; none recorded, under none.
 */
const glotipForm: Record<FormOfExploitation, 'Sexual exploitation' | 'Forced labour' | 'Other forms of exploitation'> = {
  SexualExploitation: 'Sexual exploitation',
  ForcedLabour: 'Forced labour',
  ChildLabour: 'Forced labour',
  Servitude: 'Forced labour',
  ForcedMarriage: 'Other forms of exploitation',
  ForcedMilitaryByNonStateActors: 'Other forms of exploitation',
  OrganRemoval: 'Other forms of exploitation',
  ForcedBegging: 'Other forms of exploitation',
  ForcedAdoption: 'Other forms of exploitation',
  Surrogacy: 'Other forms of exploitation',
  Other: 'Other forms of exploitation',
};

/** The one GLOTIP form of the forms given as bits (one per formsOfExploitation index), or null when none is. */
export function glotipFormOfBits(bits: number): string | null {
  const forms = new Set(formsOfExploitation.filter((_, i) => (bits & (1 << i)) !== 0).map((f) => glotipForm[f]));
  if (forms.size === 0) return null;
  return forms.size > 1 ? 'Other forms of exploitation' : ([...forms][0] ?? null);
}
