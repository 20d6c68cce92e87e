import { useEffect, useRef, useState } from 'react';
import type { TrainingView } from '@palermo/contracts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { Page } from '../../app/Page';
import { useActiveSession } from '../../app/session';
import { useResource } from '../../app/useResource';
import { TextField } from '../../components/fields';
import { ErrorAlert, Loading } from '../../components/Status';
import { TrainingForm } from './TrainingForm';
import { correctTraining, getOptions, listTrainings, recordTraining } from './api';
import { useCoordinationLabels } from './labels';
import { canEditCoordination, canRecordTrainings } from './permissions';
import '../cases/cases.css';

/**
 * The trainings delivered (outputs of the plan), newest first, with the officials trained in the period chosen;
 * recorded here, and corrected by those who may record them (the server audits the correction).
 */
export function TrainingsPage() {
  const { t } = useTranslation();
  const session = useActiveSession();
  const labels = useCoordinationLabels();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const records = canRecordTrainings(session.capabilities);
  const [list, reload] = useResource(() => listTrainings({ from, to }), `coordination:trainings:${from}:${to}`);
  const [options] = useResource(() => (records ? getOptions() : Promise.resolve(null)), 'coordination:options');
  const ownOrganisationId = canEditCoordination(session.capabilities) ? null : session.user.organisation.id;
  const [correcting, setCorrecting] = useState<TrainingView | null>(null);
  const [corrected, setCorrected] = useState('');
  const correctionHeading = useRef<HTMLHeadingElement>(null);
  useEffect(() => correctionHeading.current?.focus(), [correcting]);
  return (
    <Page title={t('coordination.trainingsTitle')}>
      <p>
        <Link to="/coordination">{t('coordination.backToBodies')}</Link>
      </p>
      <p>{t('coordination.trainingsIntro')}</p>
      <fieldset className="filters">
        <legend>{t('coordination.period')}</legend>
        <TextField id="trainings-from" type="date" label={t('coordination.from')} optional value={from} onValueChange={setFrom} />
        <TextField id="trainings-to" type="date" label={t('coordination.to')} optional value={to} onValueChange={setTo} />
      </fieldset>
      {list.status === 'loading' ? <Loading /> : null}
      {list.status === 'failed' ? <ErrorAlert error={list.error} /> : null}
      {list.status === 'ready' ? (
        <>
          <p role="status">{t('coordination.totalTrained', { count: list.data.totalTrained, total: labels.number(list.data.totalTrained) })}</p>
          {list.data.trainings.length === 0 ? <p>{t('coordination.noTrainings')}</p> : (
            <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="trainings-caption">
              <table>
                <caption id="trainings-caption">{t('coordination.trainingsCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('coordination.trainingDate')}</th>
                    <th scope="col">{t('coordination.trainingTitle')}</th>
                    <th scope="col">{t('coordination.topic')}</th>
                    <th scope="col">{t('coordination.audience')}</th>
                    <th scope="col">{t('coordination.deliveredBy')}</th>
                    <th scope="col">{t('coordination.numberTrained')}</th>
                    <th scope="col">{t('coordination.bySex')}</th>
                    <th scope="col">{t('coordination.planActivity')}</th>
                    {records ? <th scope="col">{t('coordination.correctColumn')}</th> : null}
                  </tr>
                </thead>
                <tbody>
                  {list.data.trainings.map((x) => (
                    <tr key={x.id}>
                      <td>{labels.date(x.heldOn)}</td>
                      <th scope="row"><bdi>{x.title}</bdi></th>
                      <td>{labels.topic(x.topic)}</td>
                      <td>{labels.audience(x.audience)}</td>
                      <td><bdi>{x.organisationName}</bdi></td>
                      <td>{labels.number(x.numberTrained ?? 0)}</td>
                      <td>{x.bySex ? t('coordination.bySexValue', { women: labels.number(x.bySex.women), men: labels.number(x.bySex.men) }) : t('coordination.bySexNone')}</td>
                      <td>{x.activityTitle ? <bdi>{x.activityTitle}</bdi> : ''}</td>
                      {records ? (
                        <td>
                          {x.mayEdit ? (
                            <button type="button" className="button-secondary" onClick={() => { setCorrected(''); setCorrecting(x); }}>
                              {t('coordination.correctTraining', { title: x.title ?? '' })}
                            </button>
                          ) : null}
                        </td>
                      ) : null}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      ) : null}
      {corrected ? <p role="status">{t('coordination.trainingCorrected', { title: corrected })}</p> : null}
      {records && correcting && options.status === 'ready' && options.data ? (
        <section aria-labelledby="correct-training">
          <h2 id="correct-training" ref={correctionHeading} tabIndex={-1}>
            {t('coordination.correctTrainingTitle', { title: correcting.title ?? '' })}
          </h2>
          <p className="hint">{t('coordination.correctTrainingHint')}</p>
          <TrainingForm
            key={correcting.id}
            options={options.data}
            ownOrganisationId={ownOrganisationId}
            training={correcting}
            idPrefix="correct-training"
            submitLabel={t('coordination.correctTrainingSubmit')}
            onSave={async (body) => {
              await correctTraining(correcting.id, body);
              setCorrecting(null);
              setCorrected(body.title);
              reload();
            }}
          />
          <button type="button" className="button-secondary" onClick={() => setCorrecting(null)}>
            {t('coordination.cancelCorrection')}
          </button>
        </section>
      ) : null}
      {records && options.status === 'ready' && options.data ? (
        <section aria-labelledby="new-training">
          <h2 id="new-training">{t('coordination.recordTrainingTitle')}</h2>
          <TrainingForm
            options={options.data}
            ownOrganisationId={ownOrganisationId}
            onSave={async (body) => {
              await recordTraining(body);
              reload();
            }}
          />
        </section>
      ) : null}
    </Page>
  );
}
