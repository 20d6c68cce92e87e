import { useTranslation } from 'react-i18next';
import { createNetworkEntityRequest, createNetworkLinkRequest, networkEntityKinds, networkLinkKinds, type NetworkNode } from '@palermo/contracts';
import { ErrorSummary } from '../../components/ErrorSummary';
import { SelectField, TextField } from '../../components/fields';
import { useContractForm } from '../../components/useForm';
import { localiseIssues } from '../cases/problems';
import { addEntity, addLink } from './api';
import type { NetworkLabels } from './labels';

/** A notice worded when shown (in the language of that moment). */
export type Notice = (labels: NetworkLabels) => string;

interface Props {
  operationId: string;
  labels: NetworkLabels;
  onAdded: (notice: Notice) => void;
}

/** Records a company, vehicle, phone number, address or bank account in the operation. */
export function EntityForm({ operationId, labels, onAdded }: Props) {
  const { t } = useTranslation();
  const form = useContractForm(
    createNetworkEntityRequest,
    {
      kind: { id: 'entity-kind', label: t('prosecutionNetwork.entityKind') },
      value: { id: 'entity-value', label: t('prosecutionNetwork.entityValue') },
    },
    { kind: '', value: '' },
    { request: ({ kind, value }) => ({ kind: kind || undefined, value }), localise: (issues) => localiseIssues(t, issues) },
  );

  const onSubmit = form.submit(async (request) => {
    await addEntity(operationId, request);
    form.clear();
    onAdded((now) => now.say('prosecutionNetwork.entityAdded', { kind: now.kind(request.kind) }));
  });

  return (
    <>
      <ErrorSummary form={form} />
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="narrow">
        <SelectField id="entity-kind" label={t('prosecutionNetwork.entityKind')} {...form.text('kind')}>
          <option value="">{t('prosecution.choose')}</option>
          {networkEntityKinds.map((code) => (
            <option key={code} value={code}>
              {labels.kind(code)}
            </option>
          ))}
        </SelectField>
        <TextField id="entity-value" label={t('prosecutionNetwork.entityValue')} hint={t('prosecutionNetwork.entityValueHint')} {...form.text('value')} />
        <button type="submit" className="button-primary" aria-disabled={form.submitting || undefined}>
          {t('prosecutionNetwork.addEntitySubmit')}
        </button>
      </form>
    </>
  );
}

/** Links two nodes of the operation (suspects by pseudonym, entities by value) with a kind and an optional note. */
export function LinkForm({ operationId, labels, onAdded, nodes }: Props & { nodes: readonly NetworkNode[] }) {
  const { t } = useTranslation();
  const form = useContractForm(
    createNetworkLinkRequest,
    {
      kind: { id: 'link-kind', label: t('prosecutionNetwork.linkKind') },
      fromId: { id: 'link-from', label: t('prosecutionNetwork.linkFrom') },
      toId: { id: 'link-to', label: t('prosecutionNetwork.linkTo') },
      note: { id: 'link-note', label: t('prosecutionNetwork.linkNote') },
    },
    { kind: '', fromId: '', toId: '', note: '' },
    {
      request: ({ kind, fromId, toId, note }) => ({ kind: kind || undefined, fromId, toId, ...(note.trim() ? { note } : {}) }),
      localise: (issues) => localiseIssues(t, issues),
    },
  );
  const choices = nodes
    .filter((node) => node.suspect || node.entity)
    .map((node) => ({ id: node.suspect?.id ?? node.entity?.id ?? node.key, label: `${labels.name(node)} (${labels.kind(node.kind)})` }))
    .sort((a, b) => a.label.localeCompare(b.label));

  const onSubmit = form.submit(async (request) => {
    await addLink(operationId, request);
    form.clear();
    onAdded((now) => now.say('prosecutionNetwork.linkAdded', { kind: now.link(request.kind) }));
  });

  const nodeSelect = (id: string, field: 'fromId' | 'toId', label: string) => (
    <SelectField id={id} label={label} {...form.text(field)}>
      <option value="">{t('prosecution.choose')}</option>
      {choices.map((choice) => (
        <option key={choice.id} value={choice.id}>
          {choice.label}
        </option>
      ))}
    </SelectField>
  );

  return (
    <>
      <ErrorSummary form={form} />
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="narrow">
        {nodeSelect('link-from', 'fromId', t('prosecutionNetwork.linkFrom'))}
        <SelectField id="link-kind" label={t('prosecutionNetwork.linkKind')} {...form.text('kind')}>
          <option value="">{t('prosecution.choose')}</option>
          {networkLinkKinds.map((code) => (
            <option key={code} value={code}>
              {labels.link(code)}
            </option>
          ))}
        </SelectField>
        {nodeSelect('link-to', 'toId', t('prosecutionNetwork.linkTo'))}
        <TextField id="link-note" label={t('prosecutionNetwork.linkNote')} optional {...form.text('note')} />
        <button type="submit" className="button-primary" aria-disabled={form.submitting || undefined}>
          {t('prosecutionNetwork.addLinkSubmit')}
        </button>
      </form>
    </>
  );
}
