import { useTranslation } from 'react-i18next';
import type { AssistancePlanView } from '@palermo/contracts';
import { useFormats } from '../cases/format';
import { useVocab } from './vocab';

type PlannedService = AssistancePlanView['servicesWithoutGoal'][number];

/** The individual assistance plan: needs, the goals the person chose, services delivered, follow-ups due. */
export function AssistancePlan({ plan }: { plan: AssistancePlanView }) {
  const { t } = useTranslation();
  const formats = useFormats();
  const vocab = useVocab();
  const service = (item: PlannedService) =>
    t('plan.service', {
      type: vocab('serviceTypes', item.serviceType),
      provider: item.providerName,
      from: formats.date(item.startDate),
      to: item.endDate !== null ? formats.date(item.endDate) : t('plan.ongoing'),
    });

  return (
    <>
      <h3>{t('plan.needsTitle')}</h3>
      {plan.needsAssessedAt === null ? (
        <p>{t('plan.notAssessed')}</p>
      ) : (
        <>
          <p className="hint">{t('plan.assessedAt', { date: formats.dateTime(plan.needsAssessedAt) })}</p>
          <ul>
            {plan.needs.map((need) => (
              <li key={need.domain}>
                {t(need.urgent ? 'records.needUrgent' : 'records.need', { area: vocab('services', need.domain), level: t(`needLevels.${need.level}`) })}
              </li>
            ))}
          </ul>
        </>
      )}
      {plan.needsWithoutSupport.length > 0 ? (
        <div className="notice">
          <p>{t('plan.unsupported', { areas: formats.list(plan.needsWithoutSupport.map((domain) => vocab('services', domain))) })}</p>
        </div>
      ) : null}
      <h3>{t('plan.goalsTitle')}</h3>
      {plan.goals.length === 0 ? <p>{t('plan.noGoals')}</p> : null}
      <ul className="plain-list">
        {plan.goals.map((goal) => (
          <li key={goal.id}>
            <p className="measure-title">{goal.goal !== null ? <bdi>{goal.goal}</bdi> : vocab('services', goal.domain)}</p>
            <p className="measure-meta">
              {vocab('services', goal.domain)} · {vocab('goalStatuses', goal.status)}
              {goal.targetDate !== null ? ` · ${t('plan.target', { date: formats.date(goal.targetDate) })}` : ''}
            </p>
            {goal.services.length > 0 ? (
              <ul>
                {goal.services.map((item) => (
                  <li key={item.id}>{service(item)}</li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ul>
      {plan.servicesWithoutGoal.length > 0 ? (
        <>
          <h3>{t('plan.otherServices')}</h3>
          <ul>
            {plan.servicesWithoutGoal.map((item) => (
              <li key={item.id}>{service(item)}</li>
            ))}
          </ul>
        </>
      ) : null}
      <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="plan-follow-ups-caption">
        <table className="table-dense">
          <caption id="plan-follow-ups-caption">{t('plan.followUpsCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('plan.milestone')}</th>
              <th scope="col">{t('plan.due')}</th>
              <th scope="col">{t('plan.state')}</th>
              <th scope="col">{t('plan.latest')}</th>
            </tr>
          </thead>
          <tbody>
            {plan.followUps.map((followUp) => (
              <tr key={followUp.milestone}>
                <th scope="row">{vocab('followUpMilestones', followUp.milestone)}</th>
                <td>{t('case.periodRange', { start: formats.date(followUp.dueFrom), end: formats.date(followUp.dueBy) })}</td>
                <td>
                  <span className={followUp.state === 'overdue' ? 'badge badge-bad' : followUp.state === 'done' ? 'badge badge-ok' : 'badge badge-off'}>
                    {t(`followUpStates.${followUp.state}`)}
                  </span>
                </td>
                <td>
                  {followUp.latest === null
                    ? t('app.none')
                    : [
                        formats.date(followUp.latest.date),
                        vocab('followUpOutcomes', followUp.latest.outcome),
                        followUp.latest.overallWellbeing !== null ? t('records.scaleValue', { value: followUp.latest.overallWellbeing }) : '',
                      ]
                        .filter(Boolean)
                        .join(' · ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
