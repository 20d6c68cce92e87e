import { useTranslation } from 'react-i18next';
import type { FunnelReport } from '@palermo/contracts';

/** Where and why persons dropped out, the days between steps, and UNODC's GLOTIP counts beside the country's own. */
export function FunnelDetails({ report }: { report: FunnelReport }) {
  const { t, i18n } = useTranslation();
  const number = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 });
  const days = (value: number | null) => (value === null ? t('prosecutionFunnel.tooFew') : number.format(value));
  const count = (value: number | null) => (value === null ? '–' : number.format(value));
  return (
    <>
      <section aria-labelledby="funnel-drop-outs">
        <h2 id="funnel-drop-outs">{t('prosecutionFunnel.dropOutsTitle')}</h2>
        <div className="table-wrap">
          <table className="table-dense">
            <thead>
              <tr>
                <th scope="col">{t('prosecutionFunnel.reason')}</th>
                <th scope="col">{t('prosecutionFunnel.after')}</th>
                <th scope="col">{t('prosecutionFunnel.persons')}</th>
              </tr>
            </thead>
            <tbody>
              {report.dropOuts.map((d) => (
                <tr key={d.reason}>
                  <th scope="row">{t(`prosecutionFunnel.reasons.${d.reason}`)}</th>
                  <td>{t(`prosecutionFunnel.stages.${d.after}`)}</td>
                  <td>{number.format(d.total)}</td>
                </tr>
              ))}
              <tr>
                <th scope="row">{t('prosecutionFunnel.reasons.downgraded')}</th>
                <td>{t('prosecutionFunnel.stages.convicted')}</td>
                <td>{number.format(report.downgraded)}</td>
              </tr>
            </tbody>
          </table>
        </div>
        <p className="hint">{t('prosecutionFunnel.finalMeans', { days: number.format(report.appealPeriodDays) })}</p>
      </section>
      <section aria-labelledby="funnel-intervals">
        <h2 id="funnel-intervals">{t('prosecutionFunnel.intervalsTitle')}</h2>
        <div className="table-wrap">
          <table className="table-dense">
            <thead>
              <tr>
                <th scope="col">{t('prosecutionFunnel.interval')}</th>
                <th scope="col">{t('prosecutionFunnel.persons')}</th>
                <th scope="col">{t('prosecutionFunnel.q1')}</th>
                <th scope="col">{t('prosecutionFunnel.median')}</th>
                <th scope="col">{t('prosecutionFunnel.q3')}</th>
              </tr>
            </thead>
            <tbody>
              {report.intervals.map((i) => (
                <tr key={i.interval}>
                  <th scope="row">{t(`prosecutionFunnel.intervals.${i.interval}`)}</th>
                  <td>{number.format(i.persons)}</td>
                  <td>{days(i.q1)}</td>
                  <td>{days(i.median)}</td>
                  <td>{days(i.q3)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="funnel-glotip">
        <h2 id="funnel-glotip">{t('prosecutionFunnel.glotipTitle')}</h2>
        {report.glotip.rows.length === 0 ? (
          <p>{report.glotip.iso3 ? t('prosecutionFunnel.glotipNone') : t('prosecutionFunnel.glotipNoCountry')}</p>
        ) : (
          <div className="table-wrap">
            <table className="table-dense">
              <thead>
                <tr>
                  <th scope="col">{t('prosecutionFunnel.year')}</th>
                  <th scope="col">{t('prosecutionFunnel.countryProsecuted')}</th>
                  <th scope="col">{t('prosecutionFunnel.glotipProsecuted')}</th>
                  <th scope="col">{t('prosecutionFunnel.countryConvicted')}</th>
                  <th scope="col">{t('prosecutionFunnel.glotipConvicted')}</th>
                </tr>
              </thead>
              <tbody>
                {report.glotip.rows.map((r) => (
                  <tr key={r.year}>
                    <th scope="row">{r.year}</th>
                    <td>{count(r.prosecuted)}</td>
                    <td>{r.glotipProsecuted ?? '–'}</td>
                    <td>{count(r.convicted)}</td>
                    <td>{r.glotipConvicted ?? '–'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <p className="hint">{t('prosecutionFunnel.glotipNote')}</p>
      </section>
    </>
  );
}
