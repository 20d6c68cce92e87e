import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { auditAlertList, auditAlertsQuery, auditCheckpointResponse, auditList, auditQuery, auditVerifyResponse, idParams, okResponse } from '@palermo/contracts';
import { ruleRoute } from '../http/access.js';
import { actorOf, requireSession } from '../http/context.js';
import { inTransaction } from '../http/transaction.js';
import { notFound } from '../http/errors.js';
import { acknowledgeAlert, listAlerts } from './alerts.js';
import { appendAudit } from './audit.js';
import { searchAudit } from './audit-search.js';
import { auditRules } from './audit.policy.js';
import { verifyAuditChain } from './verify.js';
import { sealAuditEntries } from './seal.js';
import { latestCheckpointFile, readCheckpointFile, type Checkpoint } from './checkpoint.js';

export async function auditRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { platform } = app;
  const access = { access: ruleRoute('audit.read', auditRules.read) };

  r.get(
    '/api/audit',
    { config: access, schema: { tags: ['audit'], summary: 'Audit entries, newest first', querystring: auditQuery, response: { 200: auditList } } },
    async (request) => {
      const q = request.query;
      const session = requireSession(request);
      // Show every committed entry: seal what was written a moment ago before reading.
      await sealAuditEntries(platform.db);
      return inTransaction(platform, async (tx) => {
        const found = await searchAudit(tx, q);
        const filters = Object.entries(q).filter(([k, v]) => v !== undefined && k !== 'limit').map(([k]) => k);
        await appendAudit(tx, actorOf(session), {
          action: 'audit.read',
          purpose: 'oversight',
          summary: `${found.entries.length} entries read; filters: ${filters.join(', ') || 'none'}`,
        });
        return found;
      });
    },
  );

  r.get(
    '/api/audit/alerts',
    { config: access, schema: { tags: ['audit'], summary: 'Alerts for the readers of the audit log, newest first', querystring: auditAlertsQuery, response: { 200: auditAlertList } } },
    async (request) => {
      const session = requireSession(request);
      return inTransaction(platform, async (tx) => {
        const alerts = await listAlerts(tx, { limit: request.query.limit, includeAcknowledged: request.query.includeAcknowledged ?? false });
        await appendAudit(tx, actorOf(session), {
          action: 'audit.alerts_read',
          purpose: 'oversight',
          summary: `${alerts.length} alerts read${request.query.includeAcknowledged ? ' (acknowledged included)' : ''}`,
        });
        return { alerts };
      });
    },
  );

  r.post(
    '/api/audit/alerts/:id/acknowledge',
    { config: access, schema: { tags: ['audit'], summary: 'Acknowledge an open alert', params: idParams, response: { 200: okResponse } } },
    async (request) => {
      const session = requireSession(request);
      const acknowledged = await acknowledgeAlert(platform.db, request.params.id, actorOf(session));
      if (!acknowledged) throw notFound('Open alert');
      return { ok: true as const };
    },
  );

  /** The newest signed checkpoint in the checkpoint folder, its signature checked. */
  const newestCheckpoint = (): { checkpoint: Checkpoint | null; problem: string | null } => {
    const file = latestCheckpointFile(platform.config.auditCheckpointDir);
    if (!file) return { checkpoint: null, problem: null };
    try {
      return { checkpoint: readCheckpointFile(file, platform.keyring), problem: null };
    } catch (error) {
      return { checkpoint: null, problem: error instanceof Error ? error.message : String(error) };
    }
  };

  r.get(
    '/api/audit/checkpoint',
    { config: access, schema: { tags: ['audit'], summary: 'The newest signed checkpoint of the chain head', response: { 200: auditCheckpointResponse } } },
    async () => {
      const { checkpoint, problem } = newestCheckpoint();
      return Promise.resolve({
        checkpoint: checkpoint && {
          seq: checkpoint.seq,
          headHash: checkpoint.headHash,
          entryCount: checkpoint.entryCount,
          createdAt: checkpoint.createdAt,
          keyId: checkpoint.keyId,
          publicKey: checkpoint.publicKey,
        },
        problem,
      });
    },
  );

  r.get(
    '/api/audit/verify',
    { config: access, schema: { tags: ['audit'], summary: 'Verify the hash chain, the entries’ authentication and the newest checkpoint', response: { 200: auditVerifyResponse } } },
    async () => {
      const { checkpoint, problem } = newestCheckpoint();
      const result = await verifyAuditChain(platform.db, { checkpoint: checkpoint ?? undefined });
      // A checkpoint file that cannot be trusted is itself a finding: say so rather than verify without it.
      return problem ? { ...result, ok: false, problem: `${problem}${result.problem ? `; ${result.problem}` : ''}` } : result;
    },
  );
}
