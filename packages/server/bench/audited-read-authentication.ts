/**
 * What authenticating audit entries costs the audited read, measured in one run: the person read with its audit
 * insert in one statement (person.repo.ts's readPersonAudited), as it was before entries were authenticated (time
 * from the database, no authentication columns, on a schema without them) and as it is now (time and HMAC computed in
 * the application, token, key id and MAC written), each on its own database on the same server, in alternating
 * rounds so that both see the same machine. Statements per second, from `connections` concurrent callers.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { sql, type Expression, type SqlBool } from 'kysely';
import { openDatabase, type Database } from '../src/platform/db/database.js';
import { migrate } from '../src/platform/db/migrate.js';
import { Keyring } from '../src/platform/crypto/keyring.js';
import { attachAuditAuthenticator, authenticateEntry } from '../src/platform/audit/audit-key-slot.js';
import { AuditAuthenticator, entryTime } from '../src/platform/audit/entry-mac.js';
import type { Actor, AuditEvent } from '../src/platform/audit/audit.js';
import type { Db } from '../src/platform/db/database.js';
import { adminQuery } from './bench-kit.js';

export interface AuthenticationCost {
  readonly before: number;
  readonly after: number;
}

type Read = (db: Db, id: string) => Promise<void>;

const actor: Actor = { userId: randomUUID(), name: 'Bench caseworker', organisationId: randomUUID() };
const event: AuditEvent = { action: 'person.read', recordType: 'person', purpose: 'case_management', summary: 'person viewed' };
const visible: Expression<SqlBool> = sql<SqlBool>`true`;

/** The statement before entries were authenticated (as in the commit that introduced the one-statement read). */
const readBefore: Read = async (db, id) => {
  await sql`
    with p as (
      select p.* from persons p where p.id = ${id} and ${visible}
    ), audited as (
      insert into audit_log (occurred_at, actor_user_id, actor_name, organisation_id, action, record_type, record_id, purpose, summary, outcome)
      select date_trunc('milliseconds', now()), ${actor.userId}, ${actor.name}, ${actor.organisationId}, ${event.action}, ${event.recordType ?? null},
             p.id::text, ${event.purpose}, ${event.summary}, 'allowed'
      from p
    )
    select p.*, coalesce(
      (select json_agg(json_build_object('purpose', c.purpose, 'status', c.status, 'recorded_at', c.recorded_at) order by c.purpose)
         from person_consents c where c.person_id = p.id),
      '[]'::json) as consents
    from p`.execute(db);
};

/** The same statement with the entry authenticated as person.repo.ts now writes it. */
const readAfter: Read = async (db, id) => {
  const occurredAt = entryTime();
  const auth = authenticateEntry(db, {
    occurredAt,
    actorUserId: actor.userId,
    actorName: actor.name,
    organisationId: actor.organisationId,
    action: event.action,
    recordType: event.recordType ?? null,
    recordId: id,
    purpose: event.purpose,
    summary: event.summary,
    outcome: 'allowed',
    statementFields: [],
  });
  await sql`
    with p as (
      select p.* from persons p where p.id = ${id} and ${visible}
    ), audited as (
      insert into audit_log (occurred_at, actor_user_id, actor_name, organisation_id, action, record_type, record_id, purpose, summary, outcome,
                             entry_token, mac_key_id, mac, statement_fields)
      select ${occurredAt}, ${actor.userId}, ${actor.name}, ${actor.organisationId}, ${event.action}, ${event.recordType ?? null},
             ${id}, ${event.purpose}, ${event.summary}, 'allowed',
             ${auth?.entry_token ?? null}::uuid, ${auth?.mac_key_id ?? null}::text, ${auth?.mac ?? null}::bytea, ${sql.val(auth?.statement_fields ?? [])}::text[]
      from p
    )
    select p.*, coalesce(
      (select json_agg(json_build_object('purpose', c.purpose, 'status', c.status, 'recorded_at', c.recorded_at) order by c.purpose)
         from person_consents c where c.person_id = p.id),
      '[]'::json) as consents
    from p`.execute(db);
};

async function seed(database: Database, persons: number): Promise<string[]> {
  const organisation = actor.organisationId ?? randomUUID();
  const user = randomUUID();
  await sql`insert into organisations (id, name, type) values (${organisation}, 'Bench shelter', 'shelter')`.execute(database.db);
  await sql`insert into users (id, organisation_id, display_name, email, password_hash, roles) values (${user}, ${organisation}, 'Bench', ${`${user}@bench.example`}, 'x', '{caseworker}')`.execute(database.db);
  const ids = Array.from({ length: persons }, () => randomUUID());
  await sql`insert into persons (id, reference, organisation_id, created_by)
    select id, 'B-' || ordinality, ${organisation}, ${user} from unnest(${ids}::uuid[]) with ordinality as t(id, ordinality)`.execute(database.db);
  return ids;
}

/** Drops what entry authentication added to the schema: the database as the read found it before. */
async function withoutAuthentication(database: Database): Promise<void> {
  await database.withScriptRunner((run) =>
    run(`ALTER TABLE audit_log DROP CONSTRAINT audit_log_authenticated_whole;
         ALTER TABLE audit_log DROP COLUMN entry_token, DROP COLUMN mac_key_id, DROP COLUMN mac, DROP COLUMN statement_fields, DROP COLUMN forged;`),
  );
}

async function rounds(db: Db, read: Read, ids: readonly string[], connections: number, seconds: number): Promise<number> {
  const until = performance.now() + seconds * 1000;
  let done = 0;
  await Promise.all(
    Array.from({ length: connections }, async (_, worker) => {
      let i = worker;
      while (performance.now() < until) {
        await read(db, ids[i % ids.length] ?? '');
        i += connections;
        done += 1;
      }
    }),
  );
  return done;
}

/**
 * Opens the two databases (PostgreSQL at `benchUrl`'s server, as `<name>_auth_before` and `<name>_auth_after`, or two
 * in-memory PGlite instances), seeds them alike, and measures the two reads in alternating rounds.
 */
export async function measureAuthenticationCost(
  kind: 'postgres' | 'pglite',
  options: { benchUrl: string; seconds: number; connections: number; log: (line: string) => void },
): Promise<AuthenticationCost> {
  const opened: Array<{ database: Database; drop: () => Promise<void> }> = [];
  const open = async (suffix: string) => {
    if (kind === 'pglite') {
      const database = await openDatabase({ dataDir: 'memory://' });
      opened.push({ database, drop: () => database.close() });
      return database;
    }
    const url = new URL(options.benchUrl);
    const name = `${decodeURIComponent(url.pathname.replace(/^\//, ''))}_auth_${suffix}`;
    await adminQuery(options.benchUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await adminQuery(options.benchUrl, `CREATE DATABASE ${name}`);
    url.pathname = `/${name}`;
    const database = await openDatabase({ databaseUrl: url.toString(), poolSize: options.connections });
    opened.push({
      database,
      drop: async () => {
        await database.close();
        await adminQuery(options.benchUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      },
    });
    return database;
  };
  try {
    const before = await open('before');
    const after = await open('after');
    for (const database of [before, after]) await migrate(database);
    await withoutAuthentication(before);
    attachAuditAuthenticator(after.db, new AuditAuthenticator(Keyring.open({ dataDir: 'memory://', masterKey: randomBytes(32).toString('base64') })));
    const beforeIds = await seed(before, 500);
    const afterIds = await seed(after, 500);
    const connections = kind === 'pglite' ? 1 : options.connections;
    // Warm both, then alternate in half-second slices (before, after, after, before, ...), so that both variants see
    // the same moments of a machine whose load changes.
    await rounds(before.db, readBefore, beforeIds, connections, 1);
    await rounds(after.db, readAfter, afterIds, connections, 1);
    const slice = 0.5;
    let beforeCount = 0;
    let afterCount = 0;
    for (let i = 0; i < Math.max(2, Math.round(options.seconds / slice)); i += 1) {
      const beforeFirst = i % 2 === 0;
      const first = beforeFirst ? await rounds(before.db, readBefore, beforeIds, connections, slice) : await rounds(after.db, readAfter, afterIds, connections, slice);
      const second = beforeFirst ? await rounds(after.db, readAfter, afterIds, connections, slice) : await rounds(before.db, readBefore, beforeIds, connections, slice);
      beforeCount += beforeFirst ? first : second;
      afterCount += beforeFirst ? second : first;
    }
    const measured = Math.max(2, Math.round(options.seconds / slice)) * slice;
    const result = { before: beforeCount / measured, after: afterCount / measured };
    options.log(`audited read statement (${kind}): before authentication ${result.before.toFixed(0)}/s, authenticated ${result.after.toFixed(0)}/s (ratio ${(result.after / result.before).toFixed(3)})`);
    return result;
  } finally {
    for (const { drop } of opened.reverse()) await drop().catch(() => undefined);
  }
}
