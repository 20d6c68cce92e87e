import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { maxResamplesOnPage, MIN_RESAMPLES, type BootstrapView, type EstimationResultView } from '@palermo/contracts';
import { ErrorSummary } from '../../components/ErrorSummary';
import { TextField } from '../../components/fields';
import { useForm } from '../../components/useForm';
import type { EstimateSource } from './api';
import { bootstrapOnRequest } from './grouping-api';

/** SparseMSE's default seed, as the command line's. */
const DEFAULT_SEED = 1234;
const THRESHOLDS = [0.001, 0.02, 0.05] as const;

/**
 * Beside the interval conditional on the chosen model, the bootstrap interval that chooses the model again on each
 * resample (as SparseMSE's estimatepopulation): the rapporteur gives the number of resamples (bounded by the number
 * of lists, so that the answer comes within seconds) and the seed; both intervals are shown, each said for what it is.
 */
export function BootstrapPanel({ result, source }: { result: EstimationResultView; source: EstimateSource }) {
  const { t, i18n } = useTranslation();
  const most = maxResamplesOnPage(result.lists.length);
  const [resamples, setResamples] = useState(String(Math.min(200, most)));
  const [seed, setSeed] = useState(String(DEFAULT_SEED));
  const [answer, setAnswer] = useState<BootstrapView | null>(null);
  const form = useForm({ resamples: { id: 'est-boot-resamples', label: t('estimation.bootstrap.resamples') }, seed: { id: 'est-boot-seed', label: t('estimation.bootstrap.seed') } });
  const whole = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 0 });
  const plain = new Intl.NumberFormat(i18n.language, { useGrouping: false });
  const level = Math.round(result.interval.level * 100);
  const chosen = result.model.threshold;
  const threshold = THRESHOLDS.find((p) => p === chosen) ?? 0.02;
  const range = (lower: number, upper: number) => t('estimation.intervalValue', { lower: whole.format(Math.round(lower)), upper: whole.format(Math.round(upper)) });

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const r = Number(resamples);
    const s = Number(seed);
    const issues = [];
    if (!/^\d+$/u.test(resamples.trim()) || r < MIN_RESAMPLES || r > most) issues.push({ field: 'resamples', problem: t('estimation.bootstrap.between', { min: MIN_RESAMPLES, max: most }) });
    if (!/^\d+$/u.test(seed.trim()) || s < 1 || s > 2 ** 31) issues.push({ field: 'seed', problem: t('estimation.bootstrap.between', { min: 1, max: whole.format(2 ** 31) }) });
    if (issues.length > 0) {
      form.fail(issues);
      return;
    }
    setAnswer(null);
    await form.run(async () => setAnswer(await bootstrapOnRequest({ ...source, resamples: r, seed: s, threshold })));
  }

  return (
    <section aria-labelledby="est-boot-title">
      <h3 id="est-boot-title">{t('estimation.bootstrap.title')}</h3>
      <p>{t('estimation.bootstrap.intro', { level, threshold })}</p>
      <ErrorSummary form={form} />
      <form onSubmit={(event) => void onSubmit(event)} noValidate>
        <TextField
          id="est-boot-resamples"
          label={t('estimation.bootstrap.resamples')}
          hint={t('estimation.bootstrap.resamplesHint', { min: MIN_RESAMPLES, max: most, lists: result.lists.length })}
          inputMode="numeric"
          value={resamples}
          onValueChange={setResamples}
          error={form.errorFor('resamples')}
        />
        <TextField id="est-boot-seed" label={t('estimation.bootstrap.seed')} hint={t('estimation.bootstrap.seedHint')} inputMode="numeric" value={seed} onValueChange={setSeed} error={form.errorFor('seed')} />
        <button type="submit" disabled={form.submitting}>
          {t('estimation.bootstrap.compute')}
        </button>
      </form>
      <p role="status" className={form.submitting ? 'status status-visible' : 'status'}>
        {form.submitting ? t('estimation.bootstrap.computing') : ''}
      </p>
      <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="est-boot-caption">
        <table className="table-dense">
          <caption id="est-boot-caption">{t('estimation.bootstrap.caption', { level })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('estimation.bootstrap.colKind')}</th>
              <th scope="col">{t('estimation.bootstrap.colInterval', { level })}</th>
              <th scope="col">{t('estimation.bootstrap.colMeaning')}</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">{t('estimation.bootstrap.conditional')}</th>
              <td>{range(result.interval.lower, result.interval.upper)}</td>
              <td>{t('estimation.bootstrap.conditionalMeaning')}</td>
            </tr>
            <tr data-testid="bootstrap-row">
              <th scope="row">{t('estimation.bootstrap.repeated')}</th>
              <td>{answer ? range(answer.lower, answer.upper) : t('estimation.bootstrap.notYet')}</td>
              <td>
                {t('estimation.bootstrap.repeatedMeaning')}
                {answer ? (
                  <>
                    <br />
                    <small>
                      {t('estimation.bootstrap.details', { resamples: whole.format(answer.resamples), seed: plain.format(answer.seed), threshold: answer.threshold })}
                      {answer.failed > 0 ? ` ${t('estimation.bootstrap.failed', { count: answer.failed, formatted: whole.format(answer.failed) })}` : ''}
                    </small>
                  </>
                ) : null}
              </td>
            </tr>
          </tbody>
        </table>
      </div>
    </section>
  );
}
