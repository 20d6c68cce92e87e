import { afterEach, expect } from 'vitest';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { firstRun, seriousAccessibilityViolations, signInInBrowser, startHarness, type BrowserHarness } from './support.js';

/**
 * The people of the referral-mechanism walks (nrm-walk, labour-inspector-walk): one organisation of each kind that
 * meets a person, and their users. Set up through the API on a fresh server; each user is signed in once, in a
 * browser context of their own.
 */
export const password = 'a long enough test passphrase';
export const organisations = {
  ngo: { name: 'Hope Outreach NGO', type: 'ngo', jurisdictions: ['NORTH'] },
  authority: { name: 'Victim Identification Authority', type: 'competent_authority', jurisdictions: [] },
  shelter: { name: 'Harbour House Shelter', type: 'shelter', jurisdictions: ['NORTH'] },
  police: { name: 'Police Anti-Trafficking Unit', type: 'law_enforcement', jurisdictions: ['NORTH'] },
  rapporteur: { name: 'Office of the National Rapporteur', type: 'national_rapporteur', jurisdictions: [] },
  inspectorate: { name: 'Labour Inspectorate North', type: 'labour_inspectorate', jurisdictions: ['NORTH'] },
} as const;
type OrganisationKey = keyof typeof organisations;
export const users = {
  caseworker: { name: 'Ana Petrescu', email: 'ana@hope.example', organisation: 'ngo', roles: ['caseworker'] },
  colleague: { name: 'Bogdan Ilie', email: 'bogdan@hope.example', organisation: 'ngo', roles: ['caseworker'] },
  supervisor: { name: 'Carmen Stan', email: 'carmen@hope.example', organisation: 'ngo', roles: ['supervisor'] },
  decisionMaker: { name: 'Leila Mansour', email: 'leila@authority.example', organisation: 'authority', roles: ['decision_maker'] },
  shelterWorker: { name: 'Jonas Berg', email: 'jonas@shelter.example', organisation: 'shelter', roles: ['caseworker'] },
  investigator: { name: 'Piotr Nowak', email: 'piotr@police.example', organisation: 'police', roles: ['investigator'] },
  rapporteur: { name: 'Sofia Lind', email: 'sofia@rapporteur.example', organisation: 'rapporteur', roles: ['national_rapporteur'] },
  inspector: { name: 'Tomasz Wróbel', email: 'tomasz@inspectorate.example', organisation: 'inspectorate', roles: ['investigator'] },
} as const satisfies Record<string, { name: string; email: string; organisation: OrganisationKey; roles: readonly string[] }>;
export type UserKey = keyof typeof users;

export interface Cast {
  readonly h: BrowserHarness;
  /** The user's page, signed in on first use. */
  signIn(key: UserKey): Promise<Page>;
  /** The pages of the users signed in so far. */
  signedIn(): Array<[UserKey, Page]>;
  close(): Promise<void>;
}

/** A fresh server with the coordinator, every organisation and every user of the cast. */
export async function startCast(): Promise<Cast> {
  const h = await startHarness();
  const admin = await firstRun(h, password);
  const ids: Partial<Record<OrganisationKey, string>> = {};
  for (const [key, organisation] of Object.entries(organisations) as Array<[OrganisationKey, (typeof organisations)[OrganisationKey]]>) {
    const body = { name: organisation.name, type: organisation.type, ...(organisation.jurisdictions.length > 0 ? { jurisdictions: organisation.jurisdictions } : {}) };
    ids[key] = String((await admin.call('POST', '/api/organisations', body))['id']);
  }
  for (const user of Object.values(users)) {
    await admin.call('POST', '/api/users', { organisationId: ids[user.organisation], displayName: user.name, email: user.email, password, roles: user.roles });
  }
  const pages: Partial<Record<UserKey, Page>> = {};
  return {
    h,
    async signIn(key) {
      const page = pages[key] ?? (await signInInBrowser(h, users[key].email, password));
      pages[key] = page;
      return page;
    },
    signedIn: () => Object.entries(pages) as Array<[UserKey, Page]>,
    close: () => h.close(),
  };
}

/** On a failed test, what each signed-in user's browser showed, saved in the temporary folder to see why. */
export function screenshotsOnFailure(cast: () => Cast | undefined, name: string): void {
  afterEach(async (context) => {
    const current = cast();
    if (context.task.result?.state !== 'fail' || !current) return;
    for (const [key, page] of current.signedIn()) await page.screenshot({ path: join(tmpdir(), `palermo-${name}-${key}.png`), fullPage: true });
  });
}

export async function expectAccessible(page: Page): Promise<void> {
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
}
