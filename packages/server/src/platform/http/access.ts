import type { SessionStage } from '@palermo/contracts';
import type { Rule } from '../access/rules.js';

/**
 * Every route declares who may call it; a route without a declaration stops the server from starting.
 * - `public`: anyone, signed in or not (with the reason written down).
 * - `session`: a signed-in user whose session is at one of these stages (used by the two-factor steps).
 * - `rule`: an active (two-factor complete) session whose user the rule may allow; record-level conditions are
 *   then enforced by the service through the same rule compiled to SQL.
 */
export type RouteAccess =
  | { readonly kind: 'public'; readonly reason: string }
  | { readonly kind: 'session'; readonly stages: readonly SessionStage[] }
  | { readonly kind: 'rule'; readonly action: string; readonly rule: Rule };

export const publicRoute = (reason: string): RouteAccess => ({ kind: 'public', reason });
export const sessionRoute = (...stages: SessionStage[]): RouteAccess => ({ kind: 'session', stages });
export const ruleRoute = (action: string, rule: Rule): RouteAccess => ({ kind: 'rule', action, rule });

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}
