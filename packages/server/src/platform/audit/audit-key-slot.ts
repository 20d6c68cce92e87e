import {
  OperationNodeTransformer,
  ValueNode,
  type Kysely,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from 'kysely';
import type { AuditAuthenticator, EntryAuthentication, EntryToAuthenticate } from './entry-mac.js';

/**
 * Where a database handle keeps the audit authenticator (the MAC keys, derived from the master key): every handle
 * opened by openDatabase carries one slot, shared by its transactions, filled once the keyring is open (runtime, test
 * support). A query plugin, so that it travels with the handle without changing any function's parameters; it also
 * fills in the authentication of entries written by SQL built before the handle was known (audited-statement.ts).
 */
export class AuditKeySlot implements KyselyPlugin {
  authenticator: AuditAuthenticator | undefined;

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    // Only raw SQL can carry pending entry authentications; builder queries pass through untouched.
    if (args.node.kind !== 'RawNode') return args.node;
    return new PendingAuthenticationResolver(this.authenticator).transformNode(args.node);
  }

  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any database handle, whatever its schema
type AnyDb = Kysely<any>;

function slotOf(db: AnyDb): AuditKeySlot | undefined {
  return db.getExecutor().plugins.find((plugin): plugin is AuditKeySlot => plugin instanceof AuditKeySlot);
}

/** Gives a database handle (and every transaction on it) the keys that authenticate audit entries. */
export function attachAuditAuthenticator(db: AnyDb, authenticator: AuditAuthenticator): void {
  const slot = slotOf(db);
  if (!slot) throw new Error('This database handle was not opened by openDatabase: it has no slot for the audit keys');
  slot.authenticator = authenticator;
}

/**
 * The authenticator of a handle, if its keys were attached. Without it, entries are written unauthenticated and the
 * sealer marks them as forged: only a process holding the master key writes entries that count as genuine.
 */
export function auditAuthenticatorOf(db: AnyDb): AuditAuthenticator | undefined {
  return slotOf(db)?.authenticator;
}

/** The authentication columns of an entry, or nulls when the handle has no keys. */
export function authenticateEntry(db: AnyDb, entry: EntryToAuthenticate): EntryAuthentication | null {
  return auditAuthenticatorOf(db)?.authenticate(entry) ?? null;
}

/**
 * A placeholder in raw SQL for one authentication column of an entry whose statement is built without the database
 * handle; resolved (all columns of one entry together, one token) when the statement is compiled for a handle.
 */
export class PendingAuthentication {
  private resolved: EntryAuthentication | null | undefined;

  constructor(private readonly entry: EntryToAuthenticate) {}

  column(name: 'entry_token' | 'mac_key_id' | 'mac'): PendingColumn {
    return new PendingColumn(this, name);
  }

  resolve(authenticator: AuditAuthenticator | undefined): EntryAuthentication | null {
    // Compiled anew on each execution (a retried statement): each execution is a new entry with its own token.
    this.resolved = authenticator?.authenticate(this.entry) ?? null;
    return this.resolved;
  }

  current(): EntryAuthentication | null | undefined {
    return this.resolved;
  }
}

export class PendingColumn {
  constructor(
    readonly entry: PendingAuthentication,
    readonly name: 'entry_token' | 'mac_key_id' | 'mac',
  ) {}
}

class PendingAuthenticationResolver extends OperationNodeTransformer {
  private readonly seen = new Set<PendingAuthentication>();

  constructor(private readonly authenticator: AuditAuthenticator | undefined) {
    super();
  }

  protected override transformValue(node: ValueNode): ValueNode {
    if (!(node.value instanceof PendingColumn)) return super.transformValue(node);
    const pending = node.value.entry;
    if (!this.seen.has(pending)) {
      this.seen.add(pending);
      pending.resolve(this.authenticator);
    }
    const authentication = pending.current();
    return ValueNode.create(authentication ? authentication[node.value.name] : null);
  }
}
