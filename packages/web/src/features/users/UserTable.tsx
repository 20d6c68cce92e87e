import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UpdateUserRequest, UserView } from '@palermo/contracts';

interface Props {
  users: readonly UserView[];
  currentUserId: string;
  /** Resolves true when the change was saved. */
  onUpdate: (user: UserView, change: UpdateUserRequest) => Promise<boolean>;
  /** Opens the panel where the user's details, roles and lost credentials are handled. */
  onManage: (user: UserView) => void;
}

export function UserTable({ users, currentUserId, onUpdate, onManage }: Props) {
  const { t, i18n } = useTranslation();
  const list = new Intl.ListFormat(i18n.language, { type: 'conjunction' });
  const wrapper = useRef<HTMLDivElement>(null);
  const rows = useRef(new Map<string, HTMLTableRowElement>());
  const [refocus, setRefocus] = useState<string | null>(null);

  // A button can vanish once its change is saved (Unlock): keep keyboard focus in the same row rather than losing it.
  useEffect(() => {
    if (refocus === null) return;
    setRefocus(null);
    if (document.activeElement !== null && document.activeElement !== document.body) return;
    const target: HTMLElement | null = rows.current.get(refocus)?.querySelector('button') ?? null;
    (target ?? wrapper.current)?.focus();
  }, [refocus, users]);

  function change(user: UserView, update: UpdateUserRequest) {
    void onUpdate(user, update).then((saved) => {
      if (saved) setRefocus(user.id);
    });
  }

  if (users.length === 0) return <p>{t('users.empty')}</p>;
  return (
    <div className="table-wrap" ref={wrapper} tabIndex={0} role="region" aria-labelledby="users-caption">
      <table>
        <caption id="users-caption">{t('users.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('users.colName')}</th>
            <th scope="col">{t('users.colEmail')}</th>
            <th scope="col">{t('users.colOrganisation')}</th>
            <th scope="col">{t('users.colRoles')}</th>
            <th scope="col">{t('users.colTwoFactor')}</th>
            <th scope="col">{t('users.colStatus')}</th>
            <th scope="col">{t('users.colActions')}</th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => {
            const isSelf = user.id === currentUserId;
            return (
              <tr
                key={user.id}
                ref={(row) => {
                  if (row) rows.current.set(user.id, row);
                  else rows.current.delete(user.id);
                }}
              >
                <th scope="row">
                  {user.displayName}
                  {isSelf ? <span className="muted"> ({t('users.you')})</span> : null}
                </th>
                <td>
                  <bdi>{user.email}</bdi>
                </td>
                <td>{user.organisationName}</td>
                <td>{list.format(user.roles.map((role) => t(`roles.${role}`)))}</td>
                <td>{user.twoFactorEnrolled ? t('users.twoFactorOn') : t('users.twoFactorOff')}</td>
                <td>
                  <span className={user.active ? 'badge badge-ok' : 'badge badge-off'}>
                    {user.active ? t('users.active') : t('users.inactive')}
                  </span>
                  {user.locked ? <span className="badge badge-warn">{t('users.locked')}</span> : null}
                </td>
                <td>
                  <div className="row-actions">
                    <button type="button" onClick={() => onManage(user)}>
                      {t('users.manage')}
                      <span className="visually-hidden"> {user.displayName}</span>
                    </button>
                    {isSelf ? null : (
                      <button type="button" onClick={() => change(user, { active: !user.active })}>
                        {user.active ? t('users.deactivate') : t('users.reactivate')}
                        <span className="visually-hidden"> {user.displayName}</span>
                      </button>
                    )}
                    {user.locked ? (
                      <button type="button" onClick={() => change(user, { unlock: true })}>
                        {t('users.unlock')}
                        <span className="visually-hidden"> {user.displayName}</span>
                      </button>
                    ) : null}
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
