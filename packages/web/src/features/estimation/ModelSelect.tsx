import { useTranslation } from 'react-i18next';
import { SelectField } from '../../components/fields';

export type ModelChoice = 'stepwise' | 'main';

export function ModelSelect({ id, value, onChange }: { id: string; value: ModelChoice; onChange: (value: ModelChoice) => void }) {
  const { t } = useTranslation();
  return (
    <SelectField id={id} label={t('estimation.model')} value={value} onValueChange={(v) => onChange(v === 'main' ? 'main' : 'stepwise')}>
      <option value="stepwise">{t('estimation.modelStepwise')}</option>
      <option value="main">{t('estimation.modelMain')}</option>
    </SelectField>
  );
}
