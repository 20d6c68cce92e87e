import {
  bootstrapView,
  overlapPreviewView,
  type BootstrapRequest,
  type BootstrapView,
  type GroupingSuggestion,
  type OrganisationType,
  type OverlapPreviewRequest,
  type OverlapPreviewView,
} from '@palermo/contracts';
import type { TFunction } from 'i18next';
import { api } from '../../app/api';

export function previewOverlap(request: OverlapPreviewRequest): Promise<OverlapPreviewView> {
  return api.post('/api/estimation/overlap-preview', request, overlapPreviewView);
}

export function bootstrapOnRequest(request: BootstrapRequest): Promise<BootstrapView> {
  return api.post('/api/estimation/bootstrap', request, bootstrapView);
}

/** The plain reason a grouping cannot be estimated, in the user's language; `names` are the lists' names in order. */
export function reasonText(t: TFunction, reason: NonNullable<OverlapPreviewView['reason']>, names: readonly string[]): string {
  const list = reason.list === null ? '' : (names[reason.list] ?? '');
  switch (reason.code) {
    case 'one-list':
      return t('estimation.grouping.reasons.oneList');
    case 'nobody':
      return t('estimation.grouping.reasons.nobody');
    case 'empty-list':
      return t('estimation.grouping.reasons.emptyList', { list });
    case 'everyone-on-list':
      return t('estimation.grouping.reasons.everyoneOnList', { list });
    case 'no-overlap':
      return t('estimation.grouping.reasons.noOverlap');
    case 'too-little-overlap':
      return t('estimation.grouping.reasons.tooLittleOverlap');
    case 'did-not-settle':
      return t('estimation.grouping.reasons.didNotSettle');
  }
}

/** A list name the server accepts (no spaces, commas or colons; at most 24 characters) made from a label. */
export function listNameFrom(label: string): string {
  return label
    .replace(/[\s:,]+/gu, '-')
    .replace(/^-+|-+$/gu, '')
    .slice(0, 24)
    .replace(/-+$/u, '');
}

/**
 * Names for the lists of a suggested grouping, in the user's language: the type of organisation, or the
 * organisation's own name; made distinct by a number when two come out the same.
 */
export function suggestedNames(t: TFunction, suggestion: GroupingSuggestion, organisationName: (id: string) => string | undefined): string[] {
  const taken = new Set<string>();
  return suggestion.lists.map((list, index) => {
    const label =
      list.type !== null ? t(`organisationTypes.${list.type satisfies OrganisationType}`) : (organisationName(list.organisationIds[0] ?? '') ?? t('estimation.listN', { n: index + 1 }));
    const base = listNameFrom(label) || listNameFrom(t('estimation.listN', { n: index + 1 }));
    let name = base;
    for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base.slice(0, 21)}-${n}`;
    taken.add(name.toLowerCase());
    return name;
  });
}
