import { htcdsCoreFieldCoverage, type Coverage, type FieldCoverage } from '@palermo/contracts';
import { ukReferralFormCoverage } from './uk-referral-form.js';

/**
 * docs/standards-coverage.md, rendered from the two coverage lists (contracts crosswalks/htcds-fields.ts and
 * uk-referral-form.ts). The standards-coverage test checks that every place named exists in the database and that
 * the document in the repository is this rendering, so neither can drift from the schema.
 */

export interface CoverageCounts {
  readonly total: number;
  readonly full: number;
  readonly partial: number;
  readonly none: number;
}

export function countsOf(entries: readonly FieldCoverage[]): CoverageCounts {
  const count = (c: Coverage) => entries.filter((e) => e.coverage === c).length;
  return { total: entries.length, full: count('full'), partial: count('partial'), none: count('none') };
}

const percent = (n: number, total: number) => `${Math.round((n / total) * 100)}%`;
const words: Readonly<Record<Coverage, string>> = { full: 'fully', partial: 'in part', none: 'not' };
const cell = (text: string) => text.replace(/\|/gu, '\\|').replace(/\n/gu, ' ');
const places = (e: FieldCoverage) => (e.at.length === 0 ? '—' : e.at.map((a) => `\`${a}\``).join(', '));

function countsRow(name: string, c: CoverageCounts): string {
  return `| ${name} | ${c.total} | ${c.full} (${percent(c.full, c.total)}) | ${c.partial} (${percent(c.partial, c.total)}) | ${c.none} (${percent(c.none, c.total)}) |`;
}

export function renderCoverageDocument(): string {
  const uk = countsOf(ukReferralFormCoverage);
  const htcds = countsOf(htcdsCoreFieldCoverage);
  const current = countsOf(htcdsCoreFieldCoverage.filter((f) => !f.deprecated));
  const lines = [
    '# Standards coverage',
    '',
    '<!-- Rendered from packages/contracts/src/standards/crosswalks/htcds-fields.ts and',
    '     packages/server/src/modules/standards-coverage/uk-referral-form.ts; do not edit by hand. To render it again:',
    '     PALERMO_WRITE_COVERAGE=1 npx vitest run src/modules/standards-coverage (in packages/server). -->',
    '',
    "Where Palermo keeps each question of the UK's digital National Referral Mechanism referral form and each core field",
    'of IOM\'s Human Trafficking Case Data Standard (HTCDS) v2.0, or why it does not. "Fully": a place holds the answer as',
    'asked; "in part": it holds part of it, or in another shape (the note says how); "not": Palermo does not keep it (the',
    'note says why). Places are `table.column`, with `:key` for a key of a JSON column or a kind of record. Personal',
    'values are encrypted (field cipher) and read under the field policy; see DATABASE.md.',
    '',
    '| | questions or fields | fully | in part | not |',
    '| --- | --- | --- | --- | --- |',
    countsRow('UK NRM referral form', uk),
    countsRow('HTCDS v2.0 core fields', htcds),
    countsRow('HTCDS v2.0 core fields in force (without the 2 deprecated)', current),
    '',
    'The test `packages/server/src/modules/standards-coverage/coverage.test.ts` checks that every place named exists',
    'in the migrated database (and every JSON key in the request schemas of its section), that every field of the',
    "form's field list and every core field of data-standard.md §1.2 is listed, and that this document is the",
    'rendering of the lists.',
    '',
    '## UK National Referral Mechanism referral form',
    '',
    'Fields of `apps/nrm/fields/index.js` (Home Office, MIT licence; copy in `shared/datasets/uk_nrm_referral_form`).',
    'Numbered repeats (ten towns, ten countries) are one question.',
    '',
    '| form field | question | kept | where | note |',
    '| --- | --- | --- | --- | --- |',
    ...ukReferralFormCoverage.map((e) => {
      const field = e.fields.length > 1 ? `${e.fields[0] ?? ''} … ${e.fields.at(-1) ?? ''}` : (e.fields[0] ?? '');
      return `| \`${field}\` | ${cell(e.question)} | ${words[e.coverage]} | ${places(e)} | ${cell(e.note ?? '')} |`;
    }),
    '',
    '## HTCDS v2.0 core fields',
    '',
    'The fields marked core in `HTCDS Field Standards 2.0.ods` (data-standard.md §1.2). Code lists are translated to',
    'CTDC and GLOTIP by the crosswalks beside the list (`packages/contracts/src/standards/crosswalks`).',
    '',
    '| field | label | kept | where | note |',
    '| --- | --- | --- | --- | --- |',
    ...htcdsCoreFieldCoverage.map((e) => `| \`${e.field}\`${e.deprecated ? ' (deprecated)' : ''} | ${cell(e.label)} | ${words[e.coverage]} | ${places(e)} | ${cell(e.note ?? '')} |`),
    '',
  ];
  return lines.join('\n');
}
