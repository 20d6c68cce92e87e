import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { authenticator } from 'otplib';
import { loadConfig } from '../../../server/src/platform/config.js';
import { startServer, type RunningServer } from '../../../server/src/platform/server.js';

/** The built web app: packages/web/dist, or another build's folder named by PALERMO_WEB_DIST. */
const webDist = process.env['PALERMO_WEB_DIST'] ?? fileURLToPath(new URL('../../dist', import.meta.url));

export interface BrowserHarness {
  readonly server: RunningServer;
  readonly browser: Browser;
  readonly baseUrl: string;
  close(): Promise<void>;
}

/** The real server on a fresh embedded database in a temporary data folder, serving the built web app. */
export async function startHarness(): Promise<BrowserHarness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'palermo-browser-'));
  const config = loadConfig({ PALERMO_DATA_DIR: dataDir, PORT: '0', PALERMO_LOG_LEVEL: 'silent', PALERMO_SIGN_IN_RATE_LIMIT: '1000', PALERMO_MASTER_KEY: randomBytes(32).toString('base64') });
  const server = await startServer(config, { logger: false, webDist });
  const browser = await chromium.launch({
    executablePath: process.env['PALERMO_CHROMIUM'] ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  return {
    server,
    browser,
    baseUrl: server.url,
    async close() {
      await browser.close();
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
      // The server writes audit checkpoints beside the data folder (a minute after start, then hourly).
      rmSync(`${dataDir}-audit-checkpoints`, { recursive: true, force: true });
    },
  };
}

/**
 * A code for the next 30-second step: the server accepts one step of drift but never the same step twice, so a test
 * that signs in again right after enrolling must use the next step's code.
 */
export function nextTotp(secret: string, stepsAhead = 1): string {
  const clone = authenticator.clone({ epoch: Date.now() + stepsAhead * 30_000 });
  return clone.generate(secret);
}

export function currentTotp(secret: string): string {
  return authenticator.generate(secret);
}

/**
 * Every role signs in with two factors. The authenticators enrolled by the helpers below, by e-mail address, and the
 * last time step each one used: a user signing in again gets the code of a later step (the server never accepts a step
 * twice), waiting for it when the one step of drift allowed is already spent.
 */
const authenticators = new Map<string, { secret: string; lastStep: number }>();
const stepNow = () => Math.floor(Date.now() / 30_000);

function rememberEnrolment(email: string, secret: string): void {
  authenticators.set(email.toLowerCase(), { secret, lastStep: stepNow() });
}

async function codeForNextSignIn(email: string): Promise<string> {
  const enrolled = authenticators.get(email.toLowerCase());
  if (!enrolled) throw new Error(`${email} must give a code, but no helper enrolled an authenticator for this address`);
  let step = Math.max(stepNow(), enrolled.lastStep + 1);
  while (step > stepNow() + 1) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    step = Math.max(stepNow(), enrolled.lastStep + 1);
  }
  enrolled.lastStep = step;
  return nextTotp(enrolled.secret, step - stepNow());
}

/** axe-core on the current page: the serious and critical violations (there should be none). */
export async function seriousAccessibilityViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/** A minimal API client for a test's set-up: keeps the session cookie and the CSRF token between calls. */
export class ApiClient {
  private cookie = '';
  private csrf = '';
  constructor(private readonly baseUrl: string) {}

  async call(method: string, path: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<Record<string, unknown>> {
    const headers: Record<string, string> = { accept: 'application/json', cookie: this.cookie, ...extraHeaders };
    if (method !== 'GET') {
      headers['content-type'] = 'application/json';
      if (this.csrf) headers['x-csrf-token'] = this.csrf;
    }
    const init: RequestInit = { method, headers };
    if (method !== 'GET') init.body = JSON.stringify(body ?? {});
    const response = await fetch(`${this.baseUrl}${path}`, init);
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0] ?? '';
    const json = (await response.json()) as Record<string, unknown>;
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
    if (typeof json['csrfToken'] === 'string') this.csrf = json['csrfToken'];
    return json;
  }

  /** Signs in with a password and, when the account needs it, enrols an authenticator and confirms a first code. */
  async signIn(email: string, password: string): Promise<void> {
    const session = await this.call('POST', '/api/auth/sign-in', { email, password });
    if (session['stage'] === 'two_factor_enrolment_required') {
      const enrolment = await this.call('POST', '/api/auth/totp/enrol');
      const secret = String(enrolment['secret']);
      await this.call('POST', '/api/auth/totp/confirm', { code: currentTotp(secret) });
      rememberEnrolment(email, secret);
    } else if (session['stage'] === 'two_factor_required') {
      await this.call('POST', '/api/auth/totp/verify', { code: await codeForNextSignIn(email) });
    }
  }

  /** A GET that answers the status code instead of throwing (to check what is refused). */
  async status(path: string): Promise<number> {
    const response = await fetch(`${this.baseUrl}${path}`, { headers: { accept: 'application/json', cookie: this.cookie } });
    await response.arrayBuffer();
    return response.status;
  }
}

/**
 * The first run, through the API: the national coordinator's organisation and its administrator (Amina Haddad,
 * amina@coordinator.example), who enrols an authenticator. Answers her client, signed in with two factors.
 */
export async function firstRun(h: BrowserHarness, password: string): Promise<ApiClient> {
  const admin = new ApiClient(h.baseUrl);
  await admin.call('POST', '/api/setup', {
    organisation: { name: 'National Anti-Trafficking Coordinator' },
    admin: { displayName: 'Amina Haddad', email: 'amina@coordinator.example', password },
  });
  const enrolment = await admin.call('POST', '/api/auth/totp/enrol');
  await admin.call('POST', '/api/auth/totp/confirm', { code: currentTotp(String(enrolment['secret'])) });
  rememberEnrolment('amina@coordinator.example', String(enrolment['secret']));
  return admin;
}

/** An organisation and one user of it, created by the administrator; answers the organisation's id. */
export async function addOrganisationWithUser(
  admin: ApiClient,
  organisation: { name: string; type: string },
  user: { displayName: string; email: string; password: string; roles: readonly string[] },
): Promise<string> {
  const organisationId = String((await admin.call('POST', '/api/organisations', organisation))['id']);
  await admin.call('POST', '/api/users', { organisationId, ...user });
  return organisationId;
}

/**
 * Signs a user in, in a browser context of their own: enrols their authenticator at the first sign-in, and gives a code
 * from it at the next ones (every role signs in with two factors).
 */
export async function signInInBrowser(
  h: BrowserHarness,
  email: string,
  password: string,
  options: { timeoutMs?: number } = {},
): Promise<Page> {
  const context = await h.browser.newContext();
  const page = await context.newPage();
  page.setDefaultTimeout(options.timeoutMs ?? 30_000);
  await page.goto(h.baseUrl);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const secretKey = page.getByLabel('Secret key');
  const verify = page.getByRole('button', { name: 'Verify' });
  const home = page.getByRole('link', { name: 'Home' });
  await secretKey.or(verify).or(home).first().waitFor();
  if (await secretKey.isVisible()) {
    const secret = await secretKey.inputValue();
    await page.getByLabel('Authentication code').fill(currentTotp(secret));
    await page.getByRole('button', { name: 'Confirm' }).click();
    rememberEnrolment(email, secret);
    await home.waitFor();
  } else if (await verify.isVisible()) {
    await page.getByLabel('Authentication code').fill(await codeForNextSignIn(email));
    await verify.click();
    await home.waitFor();
  }
  return page;
}

/** The status of a GET from inside the user's browser (their session cookie), for what the screens do not show. */
export function apiStatus(page: Page, path: string): Promise<number> {
  return page.evaluate(async (url) => (await fetch(url, { headers: { accept: 'application/json' } })).status, path);
}

export function apiJson<T>(page: Page, path: string): Promise<T> {
  return page.evaluate(async (url) => (await (await fetch(url, { headers: { accept: 'application/json' } })).json()) as T, path);
}

/** A POST from inside the user's browser, with their CSRF token: the status the server answers. */
export function apiPost(page: Page, path: string, body: unknown): Promise<number> {
  return page.evaluate(
    async ({ url, payload }) => {
      const session = (await (await fetch('/api/auth/session')).json()) as { csrfToken: string };
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken, 'idempotency-key': crypto.randomUUID() },
        body: JSON.stringify(payload),
      });
      return response.status;
    },
    { url: path, payload: body },
  );
}

/** A POST from inside the user's browser, with their CSRF token, for a test's set-up: answers the JSON body, throws on a refusal. */
export function apiPostJson<T = { id: string }>(page: Page, path: string, body: unknown): Promise<T> {
  return page.evaluate(
    async ({ url, payload }) => {
      const session = (await (await fetch('/api/auth/session')).json()) as { csrfToken: string };
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken, 'idempotency-key': crypto.randomUUID() },
        body: JSON.stringify(payload),
      });
      if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
      return (await response.json()) as T;
    },
    { url: path, payload: body },
  );
}

export function section(page: Page, heading: string): Locator {
  return page.locator('section', { has: page.getByRole('heading', { name: heading, exact: true }) });
}

export function detail(page: Page, term: string) {
  return page.locator('.details > div').filter({ has: page.getByText(term, { exact: true }) }).locator('dd');
}

export async function expectDetail(page: Page, term: string, value: string) {
  await detail(page, term).filter({ hasText: new RegExp(`^${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }).waitFor();
}

/** The worklist, loaded afresh (the page may already be showing an older one). */
export async function worklist(h: BrowserHarness, page: Page) {
  await page.goto(`${h.baseUrl}/cases`);
  await page.getByRole('heading', { name: 'Worklist' }).waitFor();
}

/** Opens an action panel (a disclosure) of the case page, unless it is open already. */
export async function openPanel(page: Page, title: string) {
  const panel = page.locator('details', { has: page.locator('summary', { hasText: title }) }).first();
  if ((await panel.getAttribute('open')) === null) await panel.locator('summary').first().click();
  return panel;
}

/** Waits for a notice (role=status) with this text. */
export async function waitForStatus(page: Page, text: string | RegExp) {
  await page.getByRole('status').filter({ hasText: text }).first().waitFor();
}
