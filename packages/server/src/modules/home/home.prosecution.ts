import { homeListLimit, type HomeCounts, type HomeView } from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';
import type { Subject } from '../../platform/access/rules.js';
import { countOverdue, findRequests } from '../proceedings/cross-border.service.js';

/**
 * A prosecutor's home: the cross-border requests of the investigations referred to her office that wait past their
 * kind's time (the vocabulary's days per kind), oldest first. No personal data: references, kind, countries, days.
 */
export async function crossBorderOverdue(db: Db, subject: Subject): Promise<NonNullable<HomeView['crossBorderOverdue']>> {
  const [rows, total] = await Promise.all([findRequests(db, subject, { onlyOverdue: true, limit: homeListLimit }), countOverdue(db, subject)]);
  return {
    items: rows.map((r) => ({
      id: r.id, reference: r.reference, operationId: r.operation_id, investigationReference: r.investigation_reference, kind: r.kind,
      requestedCountry: r.requested_country, sentOn: r.sent_on, elapsedDays: Number(r.elapsed_days), overdueAfterDays: Number(r.overdue_after_days),
    })),
    total,
  };
}

/** The navigation's counts with a prosecutor's overdue requests added (to the home's count too). */
export async function withCrossBorderCount<C extends HomeCounts>(db: Db, subject: Subject, counted: C): Promise<C> {
  if (!subject.roles.includes('prosecutor')) return counted;
  const overdue = await countOverdue(db, subject);
  return { ...counted, crossBorderOverdue: overdue, home: counted.home + overdue };
}
