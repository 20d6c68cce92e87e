import { useTranslation } from 'react-i18next';
import { useResource } from '../../app/useResource';
import { ErrorAlert, Loading } from '../../components/Status';
import { listUndeliverable } from './api';

/** Mail the SMTP server refused (administrators): for whom, about what, and the server's answer. */
export function UndeliverableSection() {
  const { t, i18n } = useTranslation();
  const [resource] = useResource(listUndeliverable, 'undeliverable-mail');
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <section aria-labelledby="undeliverable-mail">
      <h2 id="undeliverable-mail">{t('notifications.undeliverableTitle')}</h2>
      <p>{t('notifications.undeliverableIntro')}</p>
      {resource.status === 'loading' ? <Loading /> : null}
      {resource.status === 'failed' ? <ErrorAlert error={resource.error} /> : null}
      {resource.status === 'ready' && resource.data.mails.length === 0 ? <p>{t('notifications.undeliverableEmpty')}</p> : null}
      {resource.status === 'ready' && resource.data.mails.length > 0 ? (
        <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="undeliverable-mail">
          <table className="table-dense">
            <thead>
              <tr>
                <th scope="col">{t('notifications.colWhen')}</th>
                <th scope="col">{t('notifications.colUser')}</th>
                <th scope="col">{t('notifications.colEmail')}</th>
                <th scope="col">{t('notifications.colOrganisation')}</th>
                <th scope="col">{t('notifications.colKind')}</th>
                <th scope="col">{t('notifications.colError')}</th>
              </tr>
            </thead>
            <tbody>
              {resource.data.mails.map((mail) => (
                <tr key={mail.id}>
                  <td>
                    <time dateTime={mail.attemptedAt}>{when.format(new Date(mail.attemptedAt))}</time>
                  </td>
                  <td>
                    <bdi>{mail.userName}</bdi>
                  </td>
                  <td>
                    <bdi dir="ltr">{mail.email}</bdi>
                  </td>
                  <td>
                    <bdi>{mail.organisationName}</bdi>
                  </td>
                  <td>{t(`notifications.kinds.${mail.kind}`)}</td>
                  <td>
                    <bdi dir="ltr">{mail.error}</bdi>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
