import { randomUUID } from 'node:crypto';
import pg from 'pg';

/**
 * Revoking sessions in every server process at once.
 *
 * Each process may reuse a session it read for a moment (sessions.ts). A revocation (sign-out, sign-out everywhere, a
 * user deactivated, locked or given other roles, an organisation changed) must hold in every process sharing the
 * database by the time the revoking response is sent. On PostgreSQL, each process keeps one connection of its own
 * that LISTENs for revocations and is named `palermo-sessions` in pg_stat_activity. Before the revoking transaction
 * commits, the revoking process announces the revocation and waits until every listening process has acknowledged
 * it; a process that acknowledged has stopped reusing the sessions concerned (for MARK_SECONDS), so after the commit
 * every process reads them afresh and finds them gone. A process whose listening connection is down does not reuse
 * sessions at all; a listener that does not acknowledge in time has its connection terminated, which has the same
 * effect. PGlite is one process: the marks alone apply.
 */

const REVOKE_CHANNEL = 'palermo_session_revoke';
const ACK_CHANNEL = 'palermo_session_ack';
const LISTENER_NAME = 'palermo-sessions';
/** How long, after a revocation is announced, no process reuses the sessions concerned (covers the commit). */
const MARK_SECONDS = 60;
/** A listener that (re)connects reuses sessions only after this long: a revocation announced meanwhile reaches it. */
const WARM_UP_MS = 1_000;
const ACK_TIMEOUT_MS = 2_000;
const RECONNECT_MS = 1_000;

export type Revocation = { readonly userId: string } | { readonly sessionId: string } | { readonly all: true };

// ---------------------------------------------------------------------------------------------------------------
// Marks: what no process may reuse from its cache for now

const userMarks = new Map<string, number>();
const sessionMarks = new Map<string, number>();
let allMarkedUntil = 0;
/** Changes whenever a listener connects or drops: cache entries read under another epoch are not reused. */
let epoch = 0;

export const cacheEpoch = (): number => epoch;

function mark(which: Revocation, now = Date.now()): void {
  const until = now + MARK_SECONDS * 1000;
  if ('all' in which) allMarkedUntil = until;
  else if ('userId' in which) userMarks.set(which.userId, until);
  else sessionMarks.set(which.sessionId, until);
  if (userMarks.size + sessionMarks.size > 10_000) {
    for (const marks of [userMarks, sessionMarks]) for (const [key, at] of marks) if (at <= now) marks.delete(key);
  }
}

/** May a session of this user, with this id, be reused from (or put into) a process's cache now? */
export function reuseAllowed(userId: string, sessionId: string, now = Date.now()): boolean {
  if (allMarkedUntil > now) return false;
  return !((userMarks.get(userId) ?? 0) > now || (sessionMarks.get(sessionId) ?? 0) > now);
}

// ---------------------------------------------------------------------------------------------------------------
// The listening connection of one process

type Logger = { warn(object: unknown, message: string): void };

export class RevocationListener {
  private client: pg.Client | undefined;
  private readyAt = Number.POSITIVE_INFINITY;
  private closed = false;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private readonly acks = new Map<string, { pids: Set<number>; changed: () => void }>();

  private constructor(
    private readonly connectionString: string,
    private readonly log: Logger | undefined,
  ) {}

  /** Starts listening (in the background: until it is ready, the process does not reuse sessions). */
  static start(connectionString: string, log?: Logger): RevocationListener {
    const listener = new RevocationListener(connectionString, log);
    listeners.add(listener);
    void listener.connect();
    return listener;
  }

  /** Connected, listening and warmed up: the process may reuse sessions. */
  get ready(): boolean {
    return this.client !== undefined && Date.now() >= this.readyAt;
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client({ connectionString: this.connectionString, application_name: `${LISTENER_NAME}-starting` });
    const drop = (error?: unknown) => {
      if (this.client !== client) return;
      this.client = undefined;
      this.readyAt = Number.POSITIVE_INFINITY;
      epoch += 1;
      client.removeAllListeners('notification');
      void client.end().catch(() => undefined);
      if (!this.closed) {
        this.log?.warn({ err: error instanceof Error ? error.message : String(error ?? 'connection ended') }, 'session revocation listener lost; sessions are not reused until it is back');
        this.reconnectTimer = setTimeout(() => void this.connect(), RECONNECT_MS);
      }
    };
    client.on('error', drop);
    client.on('end', () => drop());
    client.on('notification', (message) => this.onNotification(client, message));
    try {
      await client.connect();
      await client.query(`LISTEN ${REVOKE_CHANNEL}`);
      await client.query(`LISTEN ${ACK_CHANNEL}`);
      // Listed as a listener only once listening: whoever sees this name will reach it.
      await client.query(`SET application_name = '${LISTENER_NAME}'`);
      if (this.closed) {
        await client.end();
        return;
      }
      this.client = client;
      epoch += 1;
      this.readyAt = Date.now() + WARM_UP_MS;
    } catch (error) {
      client.removeAllListeners();
      client.on('error', () => undefined);
      await client.end().catch(() => undefined);
      if (!this.closed) {
        this.log?.warn({ err: error instanceof Error ? error.message : String(error) }, 'session revocation listener could not connect; retrying');
        this.reconnectTimer = setTimeout(() => void this.connect(), RECONNECT_MS);
      }
    }
  }

  private onNotification(client: pg.Client, message: pg.Notification): void {
    if (message.channel === REVOKE_CHANNEL && message.payload) {
      let announced: { id: string } & Revocation;
      try {
        announced = JSON.parse(message.payload) as { id: string } & Revocation;
      } catch {
        // Not ours (anyone connected may NOTIFY): to be safe, reuse nothing for a while.
        announced = { id: 'unreadable', all: true };
      }
      mark(announced);
      // Acknowledged only after the mark is in place.
      client.query("SELECT pg_notify($1, $2 || ':' || pg_backend_pid())", [ACK_CHANNEL, announced.id]).catch(() => undefined);
    } else if (message.channel === ACK_CHANNEL && message.payload) {
      const [id, pid] = message.payload.split(':');
      const waiting = id ? this.acks.get(id) : undefined;
      if (waiting) {
        waiting.pids.add(Number(pid));
        waiting.changed();
      }
    }
  }

  /**
   * Announces a revocation to every listening process of the database and waits until each has acknowledged it (or
   * has been cut off). Rounds repeat while processes that started listening meanwhile appear.
   */
  async announce(which: Revocation): Promise<void> {
    const client = this.client ?? (await this.temporaryClient());
    const temporary = client !== this.client;
    const id = randomUUID();
    const acknowledged = new Set<number>();
    let changed = () => undefined as void;
    this.acks.set(id, { pids: acknowledged, changed: () => changed() });
    if (temporary) client.on('notification', (message) => this.onNotification(client, message));
    try {
      const reached = new Set<number>();
      for (let round = 0; round < 5; round += 1) {
        const holders = (
          await client.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1', [LISTENER_NAME])
        ).rows.map((r) => r.pid);
        const fresh = holders.filter((pid) => !reached.has(pid));
        if (fresh.length === 0) return;
        for (const pid of fresh) reached.add(pid);
        await client.query('SELECT pg_notify($1, $2)', [REVOKE_CHANNEL, JSON.stringify({ id, ...which })]);
        const late = await new Promise<number[]>((resolve) => {
          const missing = () => fresh.filter((pid) => !acknowledged.has(pid));
          const timer = setTimeout(() => resolve(missing()), ACK_TIMEOUT_MS);
          changed = () => {
            if (missing().length === 0) {
              clearTimeout(timer);
              resolve([]);
            }
          };
          changed();
        });
        if (late.length > 0) {
          // A process that cannot confirm stops reusing sessions: without its listener, it reads every session afresh.
          this.log?.warn({ processes: late.length }, 'session revocation not acknowledged in time; cutting those listeners off');
          await client.query('SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid', [late]);
        }
      }
    } finally {
      this.acks.delete(id);
      if (temporary) await client.end().catch(() => undefined);
    }
  }

  private async temporaryClient(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: this.connectionString, application_name: `${LISTENER_NAME}-announcer` });
    client.on('error', () => undefined);
    await client.connect();
    await client.query(`LISTEN ${ACK_CHANNEL}`);
    return client;
  }

  async close(): Promise<void> {
    this.closed = true;
    listeners.delete(this);
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    const client = this.client;
    this.client = undefined;
    this.readyAt = Number.POSITIVE_INFINITY;
    epoch += 1;
    if (client) await client.end().catch(() => undefined);
  }
}

const listeners = new Set<RevocationListener>();

/** On PostgreSQL, may this process reuse sessions? Only while its revocation listener is ready. */
export const crossProcessReuseReady = (): boolean => [...listeners].some((l) => l.ready);

/**
 * Revokes in every process: marks the sessions here at once, then (on PostgreSQL) announces the revocation to the
 * other processes and waits for them. Call it inside the revoking transaction, before it commits.
 */
export async function revokeEverywhere(which: Revocation): Promise<void> {
  mark(which);
  for (const listener of listeners) await listener.announce(which);
}

/**
 * A server (or a command that revokes) on PostgreSQL listens for revocations on a connection of its own for as long as
 * it runs. Nothing to do on the embedded database.
 */
export function listenForRevocations(databaseKind: 'pglite' | 'postgres', databaseUrl: string | undefined, log?: Logger): RevocationListener | undefined {
  if (databaseKind !== 'postgres' || !databaseUrl) return undefined;
  return RevocationListener.start(databaseUrl, log);
}
