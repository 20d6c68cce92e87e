import { FUNNEL_APPEAL_PERIOD_DAYS, formsOfExploitation, funnelCitizenships, suspectSexes, type FunnelFilters, type FunnelReport } from '@palermo/contracts';
import { appendAudit, type Actor } from '../../platform/audit/audit.js';
import type { Db } from '../../platform/db/database.js';
import type { RecordKeys } from '../../platform/crypto/record-keys.js';
import { statisticsSettings } from '../statistics/statistics.service.js';
import { exactFunnel, publishFunnel } from './funnel.engine.js';
import { funnelFacts } from './funnel.changes.js';
import type { FunnelFacts } from './funnel.facts.js';
import { glotipBeside } from './funnel.glotip.js';
import { must } from '../statistics/must.js';

/**
 * The funnel page's use cases: the perturbed report (and its downloads). The threshold and the country are the
 * statistics section's settings (country_settings, PALERMO_SMALL_CELL_THRESHOLD).
 */

/** Filter values offered: those with at least `threshold` persons over all years (exact counts decide, as on the statistics page). */
function optionsOf(facts: FunnelFacts, threshold: number): FunnelReport['options'] {
  const s = facts.suspects;
  const years = new Set<number>();
  const forms = new Array<number>(formsOfExploitation.length).fill(0);
  const sexes = new Array<number>(suspectSexes.length).fill(0);
  const citizenships = new Array<number>(funnelCitizenships.length).fill(0);
  for (let i = 0; i < s.size; i++) {
    years.add(must(s.year[i]));
    const sex = must(s.sex[i]);
    const citizenship = must(s.citizenship[i]);
    sexes[sex] = must(sexes[sex]) + 1;
    citizenships[citizenship] = must(citizenships[citizenship]) + 1;
    for (let f = 0; f < formsOfExploitation.length; f++) if ((must(s.forms[i]) & (1 << f)) !== 0) forms[f] = must(forms[f]) + 1;
  }
  for (let i = 0; i < facts.investigations.size; i++) years.add(must(facts.investigations.year[i]));
  const listed = <T extends string>(vocabulary: readonly T[], counts: number[]) => vocabulary.filter((_, i) => (counts[i] ?? 0) >= threshold);
  return { years: [...years].sort((a, b) => a - b), forms: listed(formsOfExploitation, forms), sexes: listed(suspectSexes, sexes), citizenships: listed(funnelCitizenships, citizenships) };
}

/**
 * Reports already published from these facts, by threshold and filters: the same facts and filters always publish
 * the same figures (the perturbation is a function of the persons), so a repeated view is answered from memory. Kept
 * per facts object (a new version starts afresh) and bounded.
 */
const published = new WeakMap<FunnelFacts, Map<string, FunnelReport>>();
const PUBLISHED_KEPT = 256;

/** The report as published (no audit: the routes audit what they answer). */
export async function buildFunnel(db: Db, filters: FunnelFilters, keys: RecordKeys): Promise<FunnelReport> {
  const settings = await statisticsSettings(db);
  const facts = await funnelFacts(db, keys, settings.iso3);
  let kept = published.get(facts);
  if (!kept) published.set(facts, (kept = new Map()));
  const key = JSON.stringify([settings.threshold, filters.yearFrom, filters.yearTo, filters.form, filters.sex, filters.citizenship]);
  const hit = kept.get(key);
  // The GLOTIP figures are read each time (another file may have been imported since).
  if (hit) return { ...hit, glotip: await glotipBeside(db, settings.iso3, facts.suspects, filters, settings.threshold) };
  const report = {
    threshold: settings.threshold,
    appealPeriodDays: FUNNEL_APPEAL_PERIOD_DAYS,
    options: optionsOf(facts, settings.threshold),
    ...publishFunnel(exactFunnel(facts, filters), settings.threshold),
    glotip: await glotipBeside(db, settings.iso3, facts.suspects, filters, settings.threshold),
  };
  if (kept.size >= PUBLISHED_KEPT) kept.clear();
  kept.set(key, report);
  return report;
}

const filterNames = (filters: FunnelFilters) => Object.entries(filters).filter(([, v]) => v !== undefined).map(([k]) => k).join(', ') || 'none';

export async function funnelReport(db: Db, actor: Actor, filters: FunnelFilters, keys: RecordKeys): Promise<FunnelReport> {
  const report = await buildFunnel(db, filters, keys);
  await appendAudit(db, actor, { action: 'prosecution.funnel_read', purpose: 'statistics', summary: `Prosecution funnel read, filters: ${filterNames(filters)}` });
  return report;
}
