import { useTranslation } from 'react-i18next';
import { needDomains, needLevels, type NeedLevel } from '@palermo/contracts';
import { useVocab } from './vocab';

export type NeedsValue = Partial<Record<string, { level: NeedLevel | ''; urgent: boolean }>>;

/** A needs assessment: a level for each area assessed (areas left "not assessed" are not recorded), and urgency. */
export function NeedsInput({ value, onChange, error }: { value: NeedsValue; onChange: (value: NeedsValue) => void; error?: string | undefined }) {
  const { t } = useTranslation();
  const vocab = useVocab();
  const set = (domain: string, change: Partial<{ level: NeedLevel | ''; urgent: boolean }>) => {
    const current = value[domain] ?? { level: '', urgent: false };
    onChange({ ...value, [domain]: { ...current, ...change } });
  };
  return (
    <fieldset id="record-needs" tabIndex={-1} className={error ? 'field field-invalid' : 'field'} aria-describedby={error ? 'record-needs-error' : 'record-needs-hint'}>
      <legend>{t('records.needsLegend')}</legend>
      <p id="record-needs-hint" className="hint">
        {t('records.needsHint')}
      </p>
      {error ? (
        <p id="record-needs-error" className="field-error">
          {error}
        </p>
      ) : null}
      <div className="table-wrap">
        <table className="table-dense">
          <thead>
            <tr>
              <th scope="col">{t('records.area')}</th>
              <th scope="col">{t('records.level')}</th>
              <th scope="col">{t('records.urgent')}</th>
            </tr>
          </thead>
          <tbody>
            {needDomains.map((domain) => {
              const row = value[domain] ?? { level: '', urgent: false };
              const name = vocab('services', domain);
              return (
                <tr key={domain}>
                  <th scope="row">{name}</th>
                  <td>
                    <label htmlFor={`need-${domain}`} className="visually-hidden">
                      {t('records.levelFor', { area: name })}
                    </label>
                    <select
                      id={`need-${domain}`}
                      value={row.level}
                      onChange={(event) => {
                        const level = needLevels.find((candidate) => candidate === event.target.value) ?? '';
                        set(domain, level === 'none' || level === '' ? { level, urgent: false } : { level });
                      }}
                    >
                      <option value="">{t('records.notAssessed')}</option>
                      {needLevels.map((level) => (
                        <option key={level} value={level}>
                          {t(`needLevels.${level}`)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <div className="checkbox">
                      <input
                        id={`need-${domain}-urgent`}
                        type="checkbox"
                        checked={row.urgent}
                        disabled={row.level === '' || row.level === 'none'}
                        onChange={(event) => set(domain, { urgent: event.target.checked })}
                      />
                      <label htmlFor={`need-${domain}-urgent`}>
                        <span className="visually-hidden">{t('records.urgentFor', { area: name })}</span>
                        <span aria-hidden="true">{t('records.urgent')}</span>
                      </label>
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </fieldset>
  );
}

export function needsFrom(value: NeedsValue) {
  return needDomains.flatMap((domain) => {
    const row = value[domain];
    return row && row.level !== '' ? [{ domain, level: row.level, urgent: row.urgent }] : [];
  });
}
