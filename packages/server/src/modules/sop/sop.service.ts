import { sopDocument, type SopDocument, type SopVersionSummary, type SopVersionView } from './sop.contracts.js';
import type { Db } from '../../platform/db/database.js';
import { appendAudit, type Actor } from '../../platform/audit/audit.js';
import { HttpError, conflict, notFound } from '../../platform/http/errors.js';
import { findOrganisation } from '../organisation/organisation.repo.js';
import * as repo from './sop.repo.js';

function presentSummary(row: repo.SopSummaryRow, currentVersion: number): SopVersionSummary {
  return {
    version: row.version,
    changeNote: row.change_note,
    author: row.created_by === null ? null : { userId: row.created_by, name: row.author_name ?? '' },
    createdAt: row.created_at.toISOString(),
    current: row.version === currentVersion,
  };
}

/** Stored documents were validated when saved; parsing again fills defaults and catches a hand-edited database. */
function readDocument(row: repo.SopVersionWithAuthorRow): SopDocument {
  const parsed = sopDocument.safeParse(row.document);
  if (!parsed.success) throw new Error(`SOP version ${row.version} in the database does not match the SOP contract`);
  return parsed.data;
}

function presentVersion(row: repo.SopVersionWithAuthorRow, currentVersion: number): SopVersionView {
  return { ...presentSummary(row, currentVersion), document: readDocument(row) };
}

/** The version in force (the highest). Migration 0004 ships version 1, so there always is one. */
export async function getCurrentSops(db: Db): Promise<SopVersionView> {
  const row = await repo.findCurrentVersion(db);
  if (!row) throw notFound('SOP document');
  return presentVersion(row, row.version);
}

/**
 * Parsed SOP documents by version and the moment it was saved. A version never changes (sop_versions is append-only),
 * so its parsed document is kept; the moment (to the microsecond) keeps apart the same version number in different
 * databases served by one process.
 */
const parsedDocuments = new Map<string, SopDocument>();
const PARSED_DOCUMENTS_KEPT = 32;

/** The document of this version, parsed once per process (readers pass created_at::text of the version as `stamp`). */
export async function sopDocumentOfVersion(db: Db, version: number, stamp: string): Promise<SopDocument> {
  const key = `${version}:${stamp}`;
  const known = parsedDocuments.get(key);
  if (known) return known;
  const row = await repo.findVersion(db, version);
  if (!row) throw notFound(`SOP version ${version}`);
  const document = readDocument(row);
  if (parsedDocuments.size >= PARSED_DOCUMENTS_KEPT) parsedDocuments.delete(parsedDocuments.keys().next().value ?? '');
  parsedDocuments.set(key, document);
  return document;
}

/** The SOP document in force, for other modules (with measuresForStage from sop.measures.ts). */
export async function currentSopDocument(db: Db): Promise<SopDocument> {
  const current = await repo.currentVersionStamp(db);
  if (!current) throw notFound('SOP document');
  return sopDocumentOfVersion(db, current.version, current.stamp);
}

export async function listSopVersions(db: Db): Promise<SopVersionSummary[]> {
  const rows = await repo.listVersions(db);
  const current = rows[0]?.version ?? 0;
  return rows.map((row) => presentSummary(row, current));
}

export async function getSopVersion(db: Db, version: number): Promise<SopVersionView> {
  const row = await repo.findVersion(db, version);
  if (!row) throw notFound(`SOP version ${version}`);
  return presentVersion(row, await repo.latestVersionNumber(db));
}

/** Every named organisation must exist; each unknown one is reported at its path in the document. */
async function checkNamedOrganisations(tx: Db, document: SopDocument): Promise<void> {
  const known = new Map<string, boolean>();
  const issues: Array<{ field: string; problem: string }> = [];
  for (const [i, sop] of document.sops.entries()) {
    for (const [j, measure] of sop.measures.entries()) {
      for (const [k, id] of measure.who.organisationIds.entries()) {
        let exists = known.get(id);
        if (exists === undefined) {
          exists = (await findOrganisation(tx, id)) !== undefined;
          known.set(id, exists);
        }
        if (!exists) issues.push({ field: `sops.${i}.measures.${j}.who.organisationIds.${k}`, problem: 'no such organisation' });
      }
    }
  }
  if (issues.length > 0) {
    throw new HttpError(400, 'validation', issues.map((x) => `${x.field}: ${x.problem}`).join('; '), issues);
  }
}

/**
 * Saves a whole new SOP document as the next version, which comes into force at once. Earlier versions stay as they
 * were. Saves are serialised; one based on a version that is no longer current is refused.
 */
export async function createSopVersion(
  tx: Db,
  actor: Actor,
  input: { document: SopDocument; changeNote: string; basedOnVersion?: number | undefined },
): Promise<SopVersionView> {
  await repo.lockVersions(tx);
  const latest = await repo.latestVersionNumber(tx);
  if (input.basedOnVersion !== undefined && input.basedOnVersion !== latest) {
    throw conflict(`Version ${latest} was saved after version ${input.basedOnVersion}, which this change is based on: reload and apply your change again`);
  }
  await checkNamedOrganisations(tx, input.document);
  const version = latest + 1;
  await repo.insertVersion(tx, { version, document: input.document, changeNote: input.changeNote, createdBy: actor.userId });
  const measures = input.document.sops.reduce((n, sop) => n + sop.measures.length, 0);
  await appendAudit(tx, actor, {
    action: 'sop.version_create',
    recordType: 'sop_version',
    recordId: String(version),
    purpose: 'administration',
    summary: `SOP version ${version} saved (${measures} measures in ${input.document.sops.length} SOPs), replacing version ${latest}`,
  });
  const saved = await repo.findVersion(tx, version);
  if (!saved) throw new Error('saved SOP version not found');
  return presentVersion(saved, version);
}

