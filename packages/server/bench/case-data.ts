/**
 * Data for the case benchmarks: the demo country (seedDemo) and N synthetic cases (seedDemoCases) generated into a
 * fresh database (a new PostgreSQL database, or a PGlite data folder), then VACUUM ANALYZE so that the planner knows
 * the tables, as it would after autovacuum in production. Also the raw-SQL baselines: the queries behind each endpoint
 * without the application around them (no HTTP, session, access filter, decryption or audit).
 */
import { sql } from 'kysely';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { openDatabase, type Database } from '../src/platform/db/database.js';
import { migrate } from '../src/platform/db/migrate.js';
import { Keyring } from '../src/platform/crypto/keyring.js';
import { FieldCipher } from '../src/platform/crypto/field-cipher.js';
import { seedDemo } from '../src/modules/demo/demo.seed.js';
import { seedDemoCases } from '../src/modules/demo/case-generator.js';

import type { DbKind } from './bench-kit.js';

export type { DbKind };

export interface CaseBenchData {
  readonly caseworker: { readonly email: string; readonly password: string };
  /** Every demo user's credentials, one per role (the homes benchmark signs in as each). */
  readonly credentials?: ReadonlyArray<{ readonly role: string; readonly email: string; readonly password: string }>;
  readonly organisationId: string;
  /** Cases the caseworker may open (their organisation's), a sample to rotate through. */
  readonly caseIds: string[];
  readonly cases: number;
  readonly generationSeconds: number;
  /** The blind-index tokens of each search name (what the raw-SQL baseline of the search sends). */
  readonly searchTokens: string[][];
}

export interface Target {
  readonly db: DbKind;
  /** PostgreSQL: the bench database's URL. */
  readonly url?: string;
  /** PGlite: the data folder (the server's PALERMO_DATA_DIR). */
  readonly dataDir: string;
  readonly masterKey: string;
}

async function open(target: Target): Promise<Database> {
  return target.db === 'postgres' ? openDatabase({ databaseUrl: target.url, poolSize: 2 }) : openDatabase({ dataDir: target.dataDir });
}

/** Seeds the demo country and `count` cases; returns the caseworker's credentials and a sample of their cases. */
export async function prepareCaseData(target: Target, count: number, searchNames: readonly string[], log: (line: string) => void): Promise<CaseBenchData> {
  const database = await open(target);
  try {
    await migrate(database);
    const cipher = new FieldCipher(Keyring.open({ dataDir: target.dataDir, masterKey: target.masterKey }));
    await cipher.init(database.db);
    const demo = await database.db.transaction().execute((tx) => seedDemo(tx, cipher));
    const caseworker = demo.credentials.find((c) => c.role === 'caseworker');
    if (!caseworker) throw new Error('seedDemo made no caseworker');
    const started = performance.now();
    let lastLog = started;
    await database.db.transaction().execute((tx) =>
      seedDemoCases(tx, cipher, count, {
        skipForeignKeyChecks: true,
        onProgress: (done, total) => {
          if (performance.now() - lastLog > 10_000 || done === total) {
            lastLog = performance.now();
            log(`${target.db}: ${done} of ${total} cases generated (${((lastLog - started) / 1000).toFixed(0)} s)`);
          }
        },
      }),
    );
    const generationSeconds = (performance.now() - started) / 1000;
    await sql`vacuum analyze`.execute(database.db);
    const user = await database.db.selectFrom('users').select(['id', 'organisation_id']).where('email', '=', caseworker.email).executeTakeFirstOrThrow();
    const sample = await database.db
      .selectFrom('cases')
      .select('id')
      .where('managing_organisation_id', '=', user.organisation_id)
      .orderBy('id')
      .limit(200)
      .execute();
    return {
      caseworker: { email: caseworker.email, password: caseworker.password },
      credentials: demo.credentials.map((c) => ({ role: c.role, email: c.email, password: c.password })),
      organisationId: user.organisation_id,
      caseIds: sample.map((c) => c.id),
      cases: count,
      generationSeconds,
      searchTokens: searchNames.map((name) => cipher.index.nameTokens(name)),
    };
  } finally {
    await database.close();
  }
}

/** The SQL behind each endpoint, without access filter, session or audit: what the database alone costs. */
export const rawQueries = {
  'case-list': {
    text: `select c.*, p.is_child, p.gender, p.citizenships from cases c join persons p on p.id = c.person_id
           where c.stage = $1 order by c.opened_at desc, c.id limit 50`,
  },
  'case-search': {
    text: `select c.id, c.reference, c.stage, p.given_name, p.family_name from cases c join persons p on p.id = c.person_id
           where p.name_index && $1::text[] order by c.opened_at desc limit 25`,
  },
  'case-page': {
    text: `select c.*, p.* , (select json_agg(a order by a.occurred_at) from case_actions a where a.case_id = c.id) as timeline
           from cases c join persons p on p.id = c.person_id where c.id = $1`,
  },
} as const;

export type RawBench = keyof typeof rawQueries;

export interface RawResult {
  readonly latencies: Float64Array;
  readonly seconds: number;
}

/**
 * Runs one raw query with rotating parameters from `connections` concurrent loops for `seconds`: on PostgreSQL through
 * a pool of that size, on PGlite in process (one connection: queries queue, as in the server).
 */
export async function runRawQuery(target: Target, bench: RawBench, params: ReadonlyArray<readonly unknown[]>, connections: number, seconds: number): Promise<RawResult> {
  const text = rawQueries[bench].text;
  let query: (values: readonly unknown[]) => Promise<unknown>;
  let close: () => Promise<void>;
  if (target.db === 'postgres') {
    const pool = new pg.Pool({ connectionString: target.url, max: connections });
    query = (values) => pool.query(text, [...values]);
    close = () => pool.end();
  } else {
    const lite = await PGlite.create(`${target.dataDir}/pg`);
    query = (values) => lite.query(text, [...values]);
    close = () => lite.close();
  }
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  const stopAt = started + seconds * 1000;
  try {
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (performance.now() < stopAt) {
          const values = params[next % params.length] ?? [];
          next += 1;
          const t0 = performance.now();
          await query(values);
          latencies.push(performance.now() - t0);
        }
      }),
    );
  } finally {
    await close();
  }
  return { latencies: Float64Array.from(latencies).sort(), seconds: (performance.now() - started) / 1000 };
}
