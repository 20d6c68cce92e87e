import type { FastifyInstance } from 'fastify';
import { hasNul, nulProblem } from '@palermo/contracts';
import { HttpError } from './errors.js';

type Issue = { field: string; problem: string };

/** Nesting deeper than any contract: a body this deep is refused rather than walked. */
const MAX_DEPTH = 64;

/**
 * The first string (or object key) holding a NUL character in a parsed JSON value, with its path in the error
 * handler's notation (`person.givenName`, `lists.0.name`; the prefix names the query or the path parameters).
 */
export function findNul(value: unknown, path: string[] = [], depth = 0): string[] | undefined {
  if (typeof value === 'string') return hasNul(value) ? path : undefined;
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value) || depth > MAX_DEPTH) return undefined;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1) {
      const found = findNul(value[index], [...path, String(index)], depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    if (hasNul(key)) return [...path, key.replaceAll('\u0000', '\\u0000')];
    const found = findNul(item, [...path, key], depth + 1);
    if (found) return found;
  }
  return undefined;
}

function issueFor(part: 'body' | 'querystring' | 'params', path: string[]): Issue {
  const joined = path.join('.');
  const field = part === 'body' ? joined || '(body)' : `${part}${joined ? `.${joined}` : ''}`;
  return { field, problem: nulProblem };
}

/**
 * Text PostgreSQL cannot store is refused before any route sees it: a NUL character anywhere in the JSON body, the
 * query string or the path parameters answers 400 naming the field, whatever the route's own schema says.
 */
export function installTextInputCheck(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const parts = [
      ['params', request.params],
      ['querystring', request.query],
      ['body', request.body],
    ] as const;
    for (const [part, value] of parts) {
      const path = findNul(value);
      if (path) {
        const issue = issueFor(part, path);
        throw new HttpError(400, 'validation', `${issue.field}: ${issue.problem}`, [issue]);
      }
    }
  });
}
