import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { createNetworkEntityRequest, createNetworkLinkRequest, networkEntityKinds, networkLinkKinds, type NetworkNode } from '@palermo/contracts';
import { validate } from '../../app/validation';
import { ErrorSummary } from '../../components/ErrorSummary';
import { SelectField, TextField } from '../../components/fields';
import { useForm } from '../../components/useForm';
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
  const [kind, setKind] = useState('');
  const [value, setValue] = useState('');
  const form = useForm({
    kind: { id: 'entity-kind', label: t('prosecutionNetwork.entityKind') },
    value: { id: 'entity-value', label: t('prosecutionNetwork.entityValue') },
  });

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const checked = validate(createNetworkEntityRequest, { kind: kind || undefined, value });
    if (!checked.ok) {
      form.fail(localiseIssues(t, checked.issues));
      return;
    }
    const request = checked.data;
    if (await form.run(async () => void (await addEntity(operationId, request)))) {
      setKind('');
      setValue('');
      onAdded((now) => now.say('prosecutionNetwork.entityAdded', { kind: now.kind(request.kind) }));
    }
  }

  return (
    <>
      <ErrorSummary form={form} />
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="narrow">
        <SelectField id="entity-kind" label={t('prosecutionNetwork.entityKind')} value={kind} onValueChange={setKind} error={form.errorFor('kind')}>
          <option value="">{t('prosecution.choose')}</option>
          {networkEntityKinds.map((code) => (
            <option key={code} value={code}>
              {labels.kind(code)}
            </option>
          ))}
        </SelectField>
        <TextField id="entity-value" label={t('prosecutionNetwork.entityValue')} hint={t('prosecutionNetwork.entityValueHint')} value={value} onValueChange={setValue} error={form.errorFor('value')} />
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
  const [kind, setKind] = useState('');
  const [fromId, setFromId] = useState('');
  const [toId, setToId] = useState('');
  const [note, setNote] = useState('');
  const form = useForm({
    kind: { id: 'link-kind', label: t('prosecutionNetwork.linkKind') },
    fromId: { id: 'link-from', label: t('prosecutionNetwork.linkFrom') },
    toId: { id: 'link-to', label: t('prosecutionNetwork.linkTo') },
    note: { id: 'link-note', label: t('prosecutionNetwork.linkNote') },
  });
  const choices = nodes
    .filter((node) => node.suspect || node.entity)
    .map((node) => ({ id: node.suspect?.id ?? node.entity?.id ?? node.key, label: `${labels.name(node)} (${labels.kind(node.kind)})` }))
    .sort((a, b) => a.label.localeCompare(b.label));

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const checked = validate(createNetworkLinkRequest, { kind: kind || undefined, fromId, toId, ...(note.trim() ? { note } : {}) });
    if (!checked.ok) {
      form.fail(localiseIssues(t, checked.issues));
      return;
    }
    const request = checked.data;
    if (await form.run(async () => void (await addLink(operationId, request)))) {
      setKind('');
      setFromId('');
      setToId('');
      setNote('');
      onAdded((now) => now.say('prosecutionNetwork.linkAdded', { kind: now.link(request.kind) }));
    }
  }

  const nodeSelect = (id: string, field: 'fromId' | 'toId', label: string, value: string, set: (v: string) => void) => (
    <SelectField id={id} label={label} value={value} onValueChange={set} error={form.errorFor(field)}>
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
        {nodeSelect('link-from', 'fromId', t('prosecutionNetwork.linkFrom'), fromId, setFromId)}
        <SelectField id="link-kind" label={t('prosecutionNetwork.linkKind')} value={kind} onValueChange={setKind} error={form.errorFor('kind')}>
          <option value="">{t('prosecution.choose')}</option>
          {networkLinkKinds.map((code) => (
            <option key={code} value={code}>
              {labels.link(code)}
            </option>
          ))}
        </SelectField>
        {nodeSelect('link-to', 'toId', t('prosecutionNetwork.linkTo'), toId, setToId)}
        <TextField id="link-note" label={t('prosecutionNetwork.linkNote')} optional value={note} onValueChange={setNote} error={form.errorFor('note')} />
        <button type="submit" className="button-primary" aria-disabled={form.submitting || undefined}>
          {t('prosecutionNetwork.addLinkSubmit')}
        </button>
      </form>
    </>
  );
}
