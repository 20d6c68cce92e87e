import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { progressFlags, type PlanProgress, type ProgressIndicator } from '@palermo/contracts';
import { Page } from '../../app/Page';
import { useActiveSession } from '../../app/session';
import { useResource } from '../../app/useResource';
import { DownloadLink } from '../../components/DownloadLink';
import { ErrorAlert, Loading } from '../../components/Status';
import { getProgress, progressDownload } from './api';
import { usePlanLabels, type PlanLabels } from './labels';
import { ReferenceSeries } from './ReferenceSeries';
import { PublishPanel } from '../public-view/PublishPanel';
import '../cases/cases.css';

/** What is late, under-funded, off target or missing its measurement; each indicator against its target over time. */
export function ProgressPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [progress] = useResource(() => getProgress(id), `action-plan:${id}:progress`);
  return (
    <Page title={progress.status === 'ready' ? t('actionPlan.progressTitle', { plan: progress.data.title }) : t('actionPlan.progressLink')}>
      {progress.status === 'loading' ? <Loading /> : null}
      {progress.status === 'failed' ? <ErrorAlert error={progress.error} /> : null}
      {progress.status === 'ready' ? <ProgressBody progress={progress.data} /> : null}
    </Page>
  );
}

function ProgressBody({ progress }: { progress: PlanProgress }) {
  const { t } = useTranslation();
  const labels = usePlanLabels();
  const { capabilities } = useActiveSession();
  const outputs = progress.indicators.filter((i) => i.type === 'input' || i.type === 'output');
  const outcomes = progress.indicators.filter((i) => i.type === 'outcome' || i.type === 'impact');
  return (
    <>
      <p>
        {t('actionPlan.asOf', { date: labels.date(progress.asOf) })} <Link to={`/action-plans/${progress.planId}`}>{t('actionPlan.backToPlan')}</Link>
      </p>
      <p>
        <DownloadLink href={progressDownload(progress.planId, 'csv')} fileName={`plan-progress-${progress.asOf}.csv`}>
          {t('actionPlan.downloadCsv')}
        </DownloadLink>{' '}
        <DownloadLink href={progressDownload(progress.planId, 'xlsx')} fileName={`plan-progress-${progress.asOf}.xlsx`}>
          {t('actionPlan.downloadXlsx')}
        </DownloadLink>
      </p>
      <FlagTable caption={t('actionPlan.byPillar')} groups={progress.byPillar.map((g) => ({ ...g, name: labels.pillar(g.key) }))} labels={labels} />
      <FlagTable caption={t('actionPlan.byOrganisation')} groups={progress.byOrganisation} labels={labels} />
      <section aria-labelledby="flagged-activities">
        <h2 id="flagged-activities">{t('actionPlan.activities')}</h2>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('actionPlan.activity')}</th>
              <th scope="col">{t('actionPlan.responsible')}</th>
              <th scope="col">{t('actionPlan.status')}</th>
              <th scope="col">{t('actionPlan.planned')}</th>
              <th scope="col">{t('actionPlan.funding')}</th>
              <th scope="col">{t('actionPlan.flagsColumn')}</th>
            </tr>
          </thead>
          <tbody>
            {progress.activities.map((a) => (
              <tr key={a.id}>
                <td>
                  {a.code} {a.title}
                </td>
                <td>
                  <bdi>{a.organisationName}</bdi>
                </td>
                <td>{labels.status(a.status)}</td>
                <td>{labels.money(a.plannedMinor, progress.currency)}</td>
                <td>{labels.money(a.fundedMinor, progress.currency)}</td>
                <td>{a.flags.map((f) => labels.flag(f)).join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="outputs-title">
        <h2 id="outputs-title">{t('actionPlan.outputsTitle')}</h2>
        <p>{t('actionPlan.outputsIntro')}</p>
        {outputs.map((i) => (
          <IndicatorChart key={i.id} indicator={i} labels={labels} />
        ))}
      </section>
      <section aria-labelledby="outcomes-title">
        <h2 id="outcomes-title">{t('actionPlan.outcomesTitle')}</h2>
        <p>{t('actionPlan.outcomesIntro')}</p>
        {outcomes.map((i) => (
          <IndicatorChart key={i.id} indicator={i} labels={labels} />
        ))}
      </section>
      {capabilities.seeRecommendations ? <ReferenceSeries periodStart={progress.periodStart} periodEnd={progress.periodEnd} /> : null}
      {capabilities.editActionPlan ? <PublishPanel planId={progress.planId} /> : null}
    </>
  );
}

function FlagTable({ caption, groups, labels }: { caption: string; groups: PlanProgress['byPillar']; labels: PlanLabels }) {
  const { t } = useTranslation();
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('actionPlan.group')}</th>
          <th scope="col">{t('actionPlan.activities')}</th>
          <th scope="col">{t('actionPlan.indicators')}</th>
          {progressFlags.map((f) => (
            <th key={f} scope="col">
              {labels.flag(f)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {groups.map((g) => (
          <tr key={g.key}>
            <th scope="row">
              <bdi>{g.name}</bdi>
            </th>
            <td>{labels.number(g.activities)}</td>
            <td>{labels.number(g.indicators)}</td>
            {progressFlags.map((f) => (
              <td key={f}>{labels.number(g.flags[f])}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function IndicatorChart({ indicator, labels }: { indicator: ProgressIndicator; labels: PlanLabels }) {
  const { t } = useTranslation();
  const valueLabel = t('actionPlan.value');
  const targetLabel = t('actionPlan.target');
  const data = indicator.series.map((p) => ({ name: labels.date(p.periodEnd), [valueLabel]: p.value, [targetLabel]: p.target }));
  return (
    <figure aria-labelledby={`chart-${indicator.id}`}>
      <figcaption id={`chart-${indicator.id}`}>
        <strong>
          {indicator.code} {indicator.title}
        </strong>{' '}
        — {labels.type(indicator.type)}, {indicator.computed ? t('actionPlan.computed') : t('actionPlan.byHand')}
        {indicator.flags.length > 0 ? ` — ${indicator.flags.map((f) => labels.flag(f)).join(', ')}` : ''}
      </figcaption>
      <div aria-hidden="true">
        <ResponsiveContainer width="100%" height={200}>
          <LineChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 8 }} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="name" />
            <YAxis />
            <Tooltip />
            <Legend />
            <Line dataKey={valueLabel} stroke="#1d70b8" isAnimationActive={false} connectNulls />
            <Line dataKey={targetLabel} stroke="#d4351c" strokeDasharray="5 5" isAnimationActive={false} connectNulls />
          </LineChart>
        </ResponsiveContainer>
      </div>
      <table className="visually-hidden">
        <caption>{t('actionPlan.valuesCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('actionPlan.periodColumn')}</th>
            <th scope="col">{valueLabel}</th>
            <th scope="col">{targetLabel}</th>
          </tr>
        </thead>
        <tbody>
          {indicator.series.map((p) => (
            <tr key={`${p.periodStart}${p.periodEnd}`}>
              <td>{t('actionPlan.period', { start: labels.date(p.periodStart), end: labels.date(p.periodEnd) })}</td>
              <td>{p.value === null ? t('actionPlan.noValue') : labels.number(p.value)}</td>
              <td>{p.target === null ? '' : labels.number(p.target)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
