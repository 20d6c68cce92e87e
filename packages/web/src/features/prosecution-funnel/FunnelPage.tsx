import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formsOfExploitation, funnelCitizenships, suspectSexes, type FunnelFilters, type FunnelLanguage, type FunnelReport } from '@palermo/contracts';
import { Page } from '../../app/Page';
import { useResource } from '../../app/useResource';
import { ErrorAlert, Loading } from '../../components/Status';
import { DownloadLink } from '../../components/DownloadLink';
import { funnelDownloadHref, funnelFiltersFrom, funnelQueryOf, loadFunnel, type FunnelFilterKey } from './api';
import { FunnelDetails } from './FunnelDetails';

/**
 * The prosecution funnel for the coordinator, the rapporteur, prosecutors and analysts: investigations and persons
 * suspected through charge, prosecution, conviction, sentence and final judgment, as a chart and a table, with the
 * days between steps, where and why persons dropped out, and UNODC's GLOTIP counts beside. Every count comes
 * perturbed from the server; the filters live in the address.
 */
export function FunnelPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filters = funnelFiltersFrom(params);
  const query = funnelQueryOf(filters);
  const [report] = useResource(() => loadFunnel(filters), `prosecution-funnel-${query}`);

  function change(key: FunnelFilterKey, value: string) {
    const next = new URLSearchParams(params);
    if (value === '') next.delete(key);
    else next.set(key, value);
    setParams(next);
  }
  const language = (['en', 'fr', 'ar'].includes(i18n.language) ? i18n.language : 'en') as FunnelLanguage;

  return (
    <Page title={t('prosecutionFunnel.title')}>
      <p>{t('prosecutionFunnel.intro')}</p>
      {report.status === 'loading' ? <Loading /> : null}
      {report.status === 'failed' ? <ErrorAlert error={report.error} /> : null}
      {report.status === 'ready' ? (
        <>
          <FunnelFiltersForm filters={filters} report={report.data} onChange={change} />
          <FunnelChart report={report.data} />
          <FunnelDetails report={report.data} />
          <p>
            <DownloadLink href={funnelDownloadHref(filters, 'csv', language)} fileName="prosecution-funnel.csv">
              {t('prosecutionFunnel.downloadCsv')}
            </DownloadLink>{' '}
            <DownloadLink href={funnelDownloadHref(filters, 'xlsx', language)} fileName="prosecution-funnel.xlsx">
              {t('prosecutionFunnel.downloadXlsx')}
            </DownloadLink>
          </p>
          <p className="hint">{t('prosecutionFunnel.protection', { threshold: report.data.threshold })}</p>
        </>
      ) : null}
    </Page>
  );
}

function FunnelFiltersForm({ filters, report, onChange }: { filters: FunnelFilters; report: FunnelReport; onChange: (key: FunnelFilterKey, value: string) => void }) {
  const { t } = useTranslation();
  const select = (key: FunnelFilterKey, label: string, values: Array<{ value: string; label: string }>) => {
    const current = filters[key] === undefined ? '' : String(filters[key]);
    const listed = current !== '' && !values.some((v) => v.value === current) ? [...values, { value: current, label: values.find((v) => v.value === current)?.label ?? current }] : values;
    return (
      <div className="field" key={key}>
        <label htmlFor={`funnel-${key}`}>{label}</label>
        <select id={`funnel-${key}`} value={current} onChange={(e) => onChange(key, e.target.value)}>
          <option value="">{t('prosecutionFunnel.any')}</option>
          {listed.map((v) => (
            <option key={v.value} value={v.value}>
              {v.label}
            </option>
          ))}
        </select>
      </div>
    );
  };
  const years = report.options.years.map((y) => ({ value: String(y), label: String(y) }));
  const forms = formsOfExploitation.filter((f) => report.options.forms.includes(f) || filters.form === f).map((f) => ({ value: f, label: t(`exploitation.${f}` as 'exploitation.Other') }));
  const sexes = suspectSexes.filter((s) => report.options.sexes.includes(s) || filters.sex === s).map((s) => ({ value: s, label: t(`prosecution.sexes.${s}` as 'prosecution.sexes.male') }));
  const citizenships = funnelCitizenships.filter((c) => report.options.citizenships.includes(c) || filters.citizenship === c).map((c) => ({ value: c, label: t(`prosecutionFunnel.citizenships.${c}`) }));
  return (
    <form className="filters" aria-label={t('prosecutionFunnel.filters')} onSubmit={(e) => e.preventDefault()}>
      {select('yearFrom', t('prosecutionFunnel.yearFrom'), years)}
      {select('yearTo', t('prosecutionFunnel.yearTo'), years)}
      {select('form', t('prosecutionFunnel.form'), forms)}
      {select('sex', t('prosecutionFunnel.sex'), sexes)}
      {select('citizenship', t('prosecutionFunnel.citizenship'), citizenships)}
    </form>
  );
}

function FunnelChart({ report }: { report: FunnelReport }) {
  const { t, i18n } = useTranslation();
  const number = new Intl.NumberFormat(i18n.language);
  const data = report.stages.map((s) => ({ name: t(`prosecutionFunnel.stages.${s.stage}`), value: s.total }));
  return (
    <section aria-labelledby="funnel-stages">
      <h2 id="funnel-stages">{t('prosecutionFunnel.stagesTitle')}</h2>
      {/* The drawing is laid out left to right whatever the language (the axes are mirrored for Arabic below): an
          inherited right-to-left direction turns the SVG's text anchors around and draws the stage names over the bars. */}
      <div className="chart" aria-hidden="true" style={{ width: '100%', height: 280, direction: 'ltr' }}>
        <ResponsiveContainer>
          <BarChart data={data} layout="vertical" margin={{ top: 8, right: 24, bottom: 8, left: 8 }} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis type="number" allowDecimals={false} reversed={i18n.dir() === 'rtl'} />
            <YAxis type="category" dataKey="name" width={170} orientation={i18n.dir() === 'rtl' ? 'right' : 'left'} tick={{ fontSize: 12 }} />
            <Tooltip />
            <Bar dataKey="value" name={t('prosecutionFunnel.count')} fill="#0072B2" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <div className="table-wrap">
        <table className="table-dense">
          <caption className="visually-hidden">{t('prosecutionFunnel.stagesTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('prosecutionFunnel.stage')}</th>
              {report.years.map((y) => (
                <th scope="col" key={y}>
                  {y}
                </th>
              ))}
              <th scope="col">{t('prosecutionFunnel.total')}</th>
            </tr>
          </thead>
          <tbody>
            {report.stages.map((s) => (
              <tr key={s.stage}>
                <th scope="row">{t(`prosecutionFunnel.stages.${s.stage}`)}</th>
                {s.byYear.map((c) => (
                  <td key={c.year}>{number.format(c.value)}</td>
                ))}
                <td>{number.format(s.total)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
