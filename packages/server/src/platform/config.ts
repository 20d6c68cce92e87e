import { resolve } from 'node:path';
import { z } from 'zod';

/**
 * Everything the operator can set, read once from the environment. No secret has a default: the master key is
 * generated on first start (see crypto/keyring.ts) unless the operator supplies one.
 */
const environment = z.object({
  PALERMO_DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().url().optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  PALERMO_MASTER_KEY: z.string().optional(),
  /** Set when the server is reached over HTTPS (directly or through a proxy): cookies get the Secure flag. */
  PALERMO_SECURE_COOKIES: z.enum(['true', 'false']).default('false'),
  PALERMO_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  PALERMO_SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(72).default(12),
  PALERMO_SESSION_CACHE_MS: z.coerce.number().int().min(0).max(10_000).default(2000),
  PALERMO_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PALERMO_DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** Sign-in and two-factor attempts allowed per client address per minute. */
  PALERMO_SIGN_IN_RATE_LIMIT: z.coerce.number().int().min(1).default(20),
  /** Directory entries not verified for this many days are flagged stale. */
  PALERMO_DIRECTORY_STALE_DAYS: z.coerce.number().int().min(1).max(3650).default(180),
  /** Where signed audit checkpoints are written: outside the data folder (the server refuses to start otherwise). */
  PALERMO_AUDIT_CHECKPOINT_DIR: z.string().min(1).optional(),
  /** How often the audit log is verified and a signed checkpoint of its head written. */
  PALERMO_AUDIT_CHECKPOINT_MINUTES: z.coerce.number().int().min(1).max(7 * 24 * 60).default(60),
  /** The SMTP server notifications are sent through (smtp:// or smtps://, user and password in the URL); none: no e-mail. */
  PALERMO_SMTP_URL: z.string().url().refine((url) => /^smtps?:$/.test(new URL(url).protocol), 'must start with smtp:// or smtps://').optional(),
  /** The sender of notification e-mails. */
  PALERMO_MAIL_FROM: z.string().min(3).default('Palermo <palermo@localhost>'),
  /** The address users reach the web app at: links in e-mails start with it (default: http://HOST:PORT). */
  PALERMO_PUBLIC_URL: z.string().url().optional(),
  /** How often an idle job worker asks the queue for work (seconds, at least 0.5). */
  PALERMO_JOB_POLL_SECONDS: z.coerce.number().min(0.5).max(60).default(2),
  /** Whether this server process takes jobs from the queue (every process does unless told otherwise). */
  PALERMO_JOB_WORKERS: z.enum(['true', 'false']).default('true'),
});

export interface Config {
  readonly dataDir: string;
  readonly databaseUrl: string | undefined;
  readonly port: number;
  readonly host: string;
  readonly masterKey: string | undefined;
  readonly secureCookies: boolean;
  readonly sessionIdleSeconds: number;
  /** How long a server process may reuse a session it read (changes made through the process apply at once). */
  readonly sessionCacheMilliseconds: number;
  readonly sessionAbsoluteSeconds: number;
  readonly logLevel: string;
  readonly dbPoolSize: number;
  readonly signInRateLimitPerMinute: number;
  readonly directoryStaleDays: number;
  /** Signed audit checkpoints (default: `<data folder>-audit-checkpoints`, beside the data folder, never inside it). */
  readonly auditCheckpointDir: string;
  readonly auditCheckpointMinutes: number;
  /** Notification e-mails go through this SMTP server; undefined: no e-mail is sent. */
  readonly smtpUrl: string | undefined;
  readonly mailFrom: string;
  /** Where users reach the web app; links in e-mails start with it. */
  readonly publicUrl: string;
  readonly jobPollSeconds: number;
  readonly jobWorkers: boolean;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const parsed = environment.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  return {
    dataDir: resolve(e.PALERMO_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    port: e.PORT,
    host: e.HOST,
    masterKey: e.PALERMO_MASTER_KEY,
    secureCookies: e.PALERMO_SECURE_COOKIES === 'true',
    sessionIdleSeconds: e.PALERMO_SESSION_IDLE_MINUTES * 60,
    sessionCacheMilliseconds: e.PALERMO_SESSION_CACHE_MS,
    sessionAbsoluteSeconds: e.PALERMO_SESSION_ABSOLUTE_HOURS * 3600,
    logLevel: e.PALERMO_LOG_LEVEL,
    dbPoolSize: e.PALERMO_DB_POOL_SIZE,
    signInRateLimitPerMinute: e.PALERMO_SIGN_IN_RATE_LIMIT,
    directoryStaleDays: e.PALERMO_DIRECTORY_STALE_DAYS,
    auditCheckpointDir: resolve(e.PALERMO_AUDIT_CHECKPOINT_DIR ?? `${resolve(e.PALERMO_DATA_DIR)}-audit-checkpoints`),
    auditCheckpointMinutes: e.PALERMO_AUDIT_CHECKPOINT_MINUTES,
    smtpUrl: e.PALERMO_SMTP_URL,
    mailFrom: e.PALERMO_MAIL_FROM,
    publicUrl: (e.PALERMO_PUBLIC_URL ?? `http://${e.HOST.includes(':') ? `[${e.HOST}]` : e.HOST}:${e.PORT}`).replace(/\/+$/, ''),
    jobPollSeconds: e.PALERMO_JOB_POLL_SECONDS,
    jobWorkers: e.PALERMO_JOB_WORKERS === 'true',
    ...overrides,
  };
}
