import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { NetworkNode } from '@palermo/contracts';

/** Words for the network's vocabularies and nodes in the reader's language (never a code or an id). */
export function useNetworkLabels() {
  const { t } = useTranslation();
  return useMemo(() => labelsFor(t), [t]);
}

/** The translation function as plain words: keys built from vocabulary codes, each one present in en, fr and ar. */
type Words = (key: string, values?: Record<string, string>) => string;

function labelsFor(typed: ReturnType<typeof useTranslation>['t']) {
  const t = typed as unknown as Words;
  const kind = (code: string) => t(`prosecutionNetwork.nodeKinds.${code}`);
  const link = (code: string | undefined) => (code ? t(`prosecutionNetwork.linkKinds.${code}`) : '');
  const role = (code: string) => t(`prosecution.suspectRoles.${code}`);
  /** A node's name: the pseudonym, the entity's value, or words saying it is hidden from the reader. */
  const name = (node: NetworkNode | undefined) => node?.suspect?.pseudonym ?? node?.entity?.value ?? t('prosecutionNetwork.hiddenNode');
  const say = (key: 'prosecutionNetwork.entityAdded' | 'prosecutionNetwork.linkAdded', values: { kind: string }) => t(key, values);
  return { kind, link, role, name, say };
}
export type NetworkLabels = ReturnType<typeof labelsFor>;
