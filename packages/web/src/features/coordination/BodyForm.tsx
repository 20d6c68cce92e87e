import { useTranslation } from 'react-i18next';
import { coordinationBodyKinds, coordinationBodyRequest, coordinationMemberRoles, coordinationThemes, type CoordinationBodyRequest, type CoordinationOptions } from '@palermo/contracts';
import { ErrorSummary } from '../../components/ErrorSummary';
import { SelectField, TextField } from '../../components/fields';
import { useContractForm } from '../../components/useForm';
import { localiseCoordinationIssues, orNull, useCoordinationLabels } from './labels';

interface MemberRow {
  organisationId: string;
  role: string;
}
interface BodyValues {
  name: string;
  kind: string;
  parentId: string;
  theme: string;
  activeFrom: string;
  activeTo: string;
  members: MemberRow[];
}

export const bodyValuesOf = (initial?: CoordinationBodyRequest): BodyValues => ({
  name: initial?.name ?? '',
  kind: initial?.kind ?? '',
  parentId: initial?.parentId ?? '',
  theme: initial?.theme ?? '',
  activeFrom: initial?.activeFrom ?? '',
  activeTo: initial?.activeTo ?? '',
  members: (initial?.members ?? []).map((m) => ({ organisationId: m.organisationId, role: m.role })),
});

/**
 * A coordination body: its name, kind, theme, the body it reports to, when it is active, and the organisations
 * sitting in it with their role (the coordinator; created from the list, edited on its page).
 */
export function BodyForm({
  idPrefix, initial, options, selfId, submitLabel, onSave,
}: { idPrefix: string; initial?: CoordinationBodyRequest; options: CoordinationOptions; selfId?: string; submitLabel: string; onSave: (body: CoordinationBodyRequest) => Promise<void> }) {
  const { t } = useTranslation();
  const labels = useCoordinationLabels();
  const form = useContractForm(
    coordinationBodyRequest,
    {
      name: { id: `${idPrefix}-name`, label: t('coordination.bodyName') },
      kind: { id: `${idPrefix}-kind`, label: t('coordination.kind') },
      theme: { id: `${idPrefix}-theme`, label: t('coordination.theme') },
      parentId: { id: `${idPrefix}-parent`, label: t('coordination.parent') },
      activeFrom: { id: `${idPrefix}-from`, label: t('coordination.activeFrom') },
      activeTo: { id: `${idPrefix}-to`, label: t('coordination.activeTo') },
      'members.organisationId': { id: `${idPrefix}-member-0-organisation`, label: t('coordination.memberOrganisation') },
      'members.role': { id: `${idPrefix}-member-0-role`, label: t('coordination.memberRole') },
    },
    bodyValuesOf(initial),
    {
      request: (v) => ({ ...v, kind: v.kind || undefined, theme: v.theme || undefined, parentId: orNull(v.parentId), activeTo: orNull(v.activeTo), members: v.members.map((m) => ({ organisationId: m.organisationId || undefined, role: m.role || undefined })) }),
      localise: localiseCoordinationIssues(t),
    },
  );
  const members = form.value('members');
  const setMember = (index: number, change: Partial<MemberRow>) => form.set('members', members.map((m, i) => (i === index ? { ...m, ...change } : m)));
  const onSubmit = form.submit(async (request) => {
    await onSave(request);
    if (!initial) form.clear();
  });
  return (
    <>
      <ErrorSummary form={form} />
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="narrow">
        <TextField id={`${idPrefix}-name`} label={t('coordination.bodyName')} {...form.text('name')} />
        <SelectField id={`${idPrefix}-kind`} label={t('coordination.kind')} {...form.text('kind')}>
          <option value="">{t('coordination.choose')}</option>
          {coordinationBodyKinds.map((code) => <option key={code} value={code}>{labels.kind(code)}</option>)}
        </SelectField>
        <SelectField id={`${idPrefix}-theme`} label={t('coordination.theme')} {...form.text('theme')}>
          <option value="">{t('coordination.choose')}</option>
          {coordinationThemes.map((code) => <option key={code} value={code}>{labels.theme(code)}</option>)}
        </SelectField>
        <SelectField id={`${idPrefix}-parent`} label={t('coordination.parent')} optional {...form.text('parentId')}>
          <option value="">{t('coordination.noParent')}</option>
          {options.bodies.filter((b) => b.id !== selfId).map((b) => <option key={b.id} value={b.id}>{b.name}</option>)}
        </SelectField>
        <TextField id={`${idPrefix}-from`} type="date" label={t('coordination.activeFrom')} {...form.text('activeFrom')} />
        <TextField id={`${idPrefix}-to`} type="date" label={t('coordination.activeTo')} optional {...form.text('activeTo')} />
        <fieldset>
          <legend>{t('coordination.members')}</legend>
          {members.length === 0 ? <p className="hint">{t('coordination.noMembers')}</p> : null}
          {members.map((member, index) => (
            <div key={index}>
              <SelectField
                id={`${idPrefix}-member-${index}-organisation`}
                label={t('coordination.memberOrganisationN', { n: index + 1 })}
                value={member.organisationId}
                onValueChange={(value) => setMember(index, { organisationId: value })}
                error={index === 0 ? form.errorFor('members.organisationId') : undefined}
              >
                <option value="">{t('coordination.choose')}</option>
                {options.organisations.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
              </SelectField>
              <SelectField
                id={`${idPrefix}-member-${index}-role`}
                label={t('coordination.memberRoleN', { n: index + 1 })}
                value={member.role}
                onValueChange={(value) => setMember(index, { role: value })}
                error={index === 0 ? form.errorFor('members.role') : undefined}
              >
                <option value="">{t('coordination.choose')}</option>
                {coordinationMemberRoles.map((code) => <option key={code} value={code}>{labels.memberRole(code)}</option>)}
              </SelectField>
              <button type="button" onClick={() => form.set('members', members.filter((_, i) => i !== index))}>
                {t('coordination.removeMember', { n: index + 1 })}
              </button>
            </div>
          ))}
          <button type="button" onClick={() => form.set('members', [...members, { organisationId: '', role: 'member' }])}>
            {t('coordination.addMember')}
          </button>
        </fieldset>
        <button type="submit" className="button-primary" aria-disabled={form.submitting || undefined}>
          {submitLabel}
        </button>
      </form>
    </>
  );
}
