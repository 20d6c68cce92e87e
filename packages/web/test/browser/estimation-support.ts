/**
 * The country the estimation browser tests share: organisations whose caseworkers record the same synthetic people
 * where their lists overlap, and the national rapporteur who estimates from them.
 */
import { addOrganisationWithUser, ApiClient, firstRun, type BrowserHarness } from './support.js';

export interface ListOrganisation {
  readonly name: string;
  readonly type: string;
  readonly email: string;
  /** The caseworker's display name; "Caseworker of <name>" when not given. */
  readonly caseworker?: string;
}

export const rapporteurEmail = 'rapporteur@rapporteur.example';

/** The n-th synthetic person (names from two letters of n), the same whichever organisation records them. */
export function syntheticPerson(n: number, names: { given: string; family: string; firstYear: number }) {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const code = `${letters[n % 26]}${letters[Math.floor(n / 26) % 26]}`;
  const birthDate = `${names.firstYear + (n % 40)}-${String(1 + (n % 12)).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}`;
  return { givenName: `${names.given}${code}`, familyName: `${names.family}${code}`, birthDate };
}

/**
 * Sets the country up: the first administrator, one organisation and caseworker per list (signed in, in the order
 * given) and the national rapporteur. Returns the caseworkers' clients.
 */
export async function estimationCountry(h: BrowserHarness, password: string, organisations: readonly ListOrganisation[]): Promise<ApiClient[]> {
  const admin = await firstRun(h, password);
  const caseworkers: ApiClient[] = [];
  for (const organisation of organisations) {
    const displayName = organisation.caseworker ?? `Caseworker of ${organisation.name}`;
    await addOrganisationWithUser(admin, { name: organisation.name, type: organisation.type }, { displayName, email: organisation.email, password, roles: ['caseworker'] });
    const client = new ApiClient(h.baseUrl);
    await client.signIn(organisation.email, password);
    caseworkers.push(client);
  }
  await addOrganisationWithUser(admin, { name: 'National Rapporteur on Trafficking', type: 'national_rapporteur' }, { displayName: 'Grace Mwangi', email: rapporteurEmail, password, roles: ['national_rapporteur'] });
  return caseworkers;
}

/** Each caseworker whose bit is set in `mask` (bit i = caseworkers[i]) records the person as a case of her own. */
export async function recordOnLists(caseworkers: readonly ApiClient[], mask: number, person: object): Promise<void> {
  for (const [index, client] of caseworkers.entries()) {
    if ((mask >> index) & 1) await client.call('POST', '/api/cases', { person }, { 'idempotency-key': crypto.randomUUID() });
  }
}
