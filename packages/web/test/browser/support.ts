import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { chromium, type Browser, type Page } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { authenticator } from 'otplib';
import { loadConfig } from '../../../server/src/platform/config.js';
import { startServer, type RunningServer } from '../../../server/src/platform/server.js';

const webDist = fileURLToPath(new URL('../../dist', import.meta.url));

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

/** axe-core on the current page: the serious and critical violations (there should be none). */
export async function seriousAccessibilityViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}
