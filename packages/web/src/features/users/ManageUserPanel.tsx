import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { requiresTwoFactor, roleAllowedIn, updateUserRequest, type OrganisationType, type PasswordResetIssued, type Role, type UserView } from '@palermo/contracts';
import { ErrorSummary } from '../../components/ErrorSummary';
import { CheckboxGroup, TextField } from '../../components/fields';
import { ErrorAlert } from '../../components/Status';
import { useContractForm } from '../../components/useForm';
import { issuePasswordReset, resetTwoFactor, updateUser } from './api';

interface Props {
  user: UserView;
  /** The type of the user's organisation, when known: only the roles it can hold are offered. */
  organisationType: OrganisationType | undefined;
  assignableRoles: readonly Role[];
  isSelf: boolean;
  onSaved: (user: UserView, message: string) => void;
  onClose: () => void;
}

/**
 * Everything an administrator does for one user: her name, e-mail address and roles; a one-time code to set a new
 * password; removing a lost authenticator. Each is audited by the server and told to the user at her next sign-in.
 */
export function ManageUserPanel({ user, organisationType, assignableRoles, isSelf, onSaved, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  const [issued, setIssued] = useState<PasswordResetIssued | null>(null);
  const [confirming, setConfirming] = useState<'password' | 'authenticator' | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const form = useContractForm(
    updateUserRequest,
    {
      displayName: { id: 'manage-display-name', label: t('users.displayName') },
      email: { id: 'manage-email', label: t('users.email') },
      roles: { id: 'manage-roles', label: t('users.roles') },
    },
    { displayName: user.displayName, email: user.email, roles: user.roles as Role[] },
    {
      // Only what changed is sent.
      request: ({ displayName, email, roles }) => ({
        ...(displayName !== user.displayName ? { displayName } : {}),
        ...(email !== user.email ? { email } : {}),
        ...(roles.length !== user.roles.length || roles.some((role) => !user.roles.includes(role)) ? { roles } : {}),
      }),
    },
  );
  const roles = form.value('roles');

  useEffect(() => {
    heading.current?.focus();
  }, [user.id]);

  const offered = [...new Set([...assignableRoles, ...user.roles])].filter((role) => !organisationType || roleAllowedIn(role, organisationType));
  const editable = (role: Role) => assignableRoles.includes(role);

  const onSubmit = form.submit(async (request) => {
    const saved = await updateUser(user.id, request);
    const needsEnrolment = request.roles && requiresTwoFactor(request.roles) && !saved.twoFactorEnrolled;
    onSaved(saved, t(request.roles ? (needsEnrolment ? 'users.rolesChangedEnrol' : 'users.rolesChanged') : 'users.saved', { name: saved.displayName }));
  });

  async function confirm() {
    setActionError(null);
    try {
      if (confirming === 'password') {
        setIssued(await issuePasswordReset(user.id));
      } else if (confirming === 'authenticator') {
        await resetTwoFactor(user.id);
        onSaved({ ...user, twoFactorEnrolled: false }, t('users.authenticatorReset', { name: user.displayName }));
      }
      setConfirming(null);
    } catch (error) {
      setActionError(error);
    }
  }

  const expires = issued ? new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(issued.expiresAt)) : '';

  return (
    <section aria-labelledby="manage-user-title" className="panel">
      <h2 id="manage-user-title" ref={heading} tabIndex={-1}>
        {t('users.manageTitle', { name: user.displayName })}
      </h2>
      <ErrorSummary form={form} />
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="narrow">
        <TextField id="manage-display-name" label={t('users.displayName')} {...form.text('displayName')} autoComplete="off" />
        <TextField
          id="manage-email"
          type="email"
          label={t('users.email')}
          {...form.text('email')}
          autoComplete="off"
          spellCheck={false}
        />
        <CheckboxGroup
          id="manage-roles"
          legend={t('users.roles')}
          hint={t('users.rolesChangeHint')}
          error={form.errorFor('roles')}
          options={offered.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
          selected={roles}
          onChange={(next) => form.set('roles', next.filter((role) => editable(role) || user.roles.includes(role)))}
        />
        <div className="filter-buttons">
          <button type="submit" className="button-primary" aria-disabled={form.submitting || undefined}>
            {t('users.save')}
          </button>
          <button type="button" onClick={onClose}>
            {t('users.close')}
          </button>
        </div>
      </form>

      {isSelf ? null : (
        <section aria-labelledby="manage-credentials-title">
          <h3 id="manage-credentials-title">{t('users.credentialsTitle')}</h3>
          <p className="hint">{t('users.credentialsHint')}</p>
          {actionError !== null ? <ErrorAlert error={actionError} /> : null}
          {confirming ? (
            <div role="group" aria-labelledby="manage-confirm-text" className="confirm">
              <p id="manage-confirm-text">
                {t(confirming === 'password' ? 'users.confirmPasswordReset' : 'users.confirmAuthenticatorReset', { name: user.displayName })}
              </p>
              <button type="button" className="button-primary" onClick={() => void confirm()}>
                {t(confirming === 'password' ? 'users.issueCode' : 'users.resetAuthenticator')}
              </button>{' '}
              <button type="button" onClick={() => setConfirming(null)}>
                {t('users.cancel')}
              </button>
            </div>
          ) : (
            <div className="row-actions">
              <button type="button" onClick={() => setConfirming('password')} disabled={!user.active}>
                {t('users.resetPassword')}
              </button>
              <button type="button" onClick={() => setConfirming('authenticator')} disabled={!user.active}>
                {t('users.resetAuthenticator')}
              </button>
            </div>
          )}
          {issued ? (
            <div className="notice" role="status">
              {issued.delivery === 'email' ? (
                <p>{t('users.codeSent', { name: user.displayName, expires })}</p>
              ) : (
                <>
                  <p>{t('users.codeShownOnce', { name: user.displayName })}</p>
                  <p className="reset-code">
                    <strong>
                      <code dir="ltr" data-testid="reset-code">
                        {issued.code}
                      </code>
                    </strong>
                  </p>
                  <p>{t('users.codeInstructions', { expires })}</p>
                </>
              )}
            </div>
          ) : null}
        </section>
      )}
    </section>
  );
}
