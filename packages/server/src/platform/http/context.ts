import type { FastifyBaseLogger, FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import type { Database, Db } from '../db/database.js';
import type { FieldCipher } from '../crypto/field-cipher.js';
import type { Keyring } from '../crypto/keyring.js';
import type { Subject } from '../access/rules.js';
import type { Actor } from '../audit/audit.js';
import type { LoadedSession } from '../auth/sessions.js';
import { unauthenticated } from './errors.js';

/** What every module's service stands on. */
export interface Platform {
  readonly config: Config;
  readonly database: Database;
  readonly db: Db;
  readonly cipher: FieldCipher;
  readonly keyring: Keyring;
  readonly log: FastifyBaseLogger;
}

declare module 'fastify' {
  interface FastifyInstance {
    platform: Platform;
  }
  interface FastifyRequest {
    session: LoadedSession | undefined;
  }
}

export function subjectOf(session: LoadedSession): Subject {
  return {
    userId: session.user.id,
    organisationId: session.user.organisationId,
    organisationType: session.user.organisationType,
    jurisdictions: session.user.jurisdictions,
    roles: session.user.roles,
  };
}

export function actorOf(session: LoadedSession): Actor {
  return { userId: session.user.id, name: session.user.displayName, organisationId: session.user.organisationId };
}

/** The signed-in user of a request whose route required one. */
export function requireSession(request: FastifyRequest): LoadedSession {
  if (!request.session) throw unauthenticated();
  return request.session;
}
