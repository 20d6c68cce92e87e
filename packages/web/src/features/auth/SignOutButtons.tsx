import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { ApiError } from '../../app/api';
import { useSession, type SignedOutNotice } from '../../app/session';
import { ErrorAlert } from '../../components/Status';
import { signOut, signOutEverywhere } from './api';

/** "Sign out" ends this session; "Sign out everywhere" ends every session of this account, this one included. */
export function SignOutButtons({ everywhere = true }: { everywhere?: boolean }) {
  const { t } = useTranslation();
  const { clearSession } = useSession();
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function run(action: () => Promise<void>, notice: SignedOutNotice) {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await action();
      finish(notice);
    } catch (caught) {
      // A session the server no longer knows is as good as signed out.
      if (caught instanceof ApiError && caught.status === 401) finish(notice);
      else setError(caught);
    } finally {
      setBusy(false);
    }
  }

  function finish(notice: SignedOutNotice) {
    clearSession(notice);
    void navigate('/', { replace: true });
  }

  return (
    <div className="sign-out">
      <button type="button" onClick={() => void run(signOut, 'signed_out')}>
        {t('auth.signOut')}
      </button>
      {everywhere ? (
        <button type="button" onClick={() => void run(signOutEverywhere, 'signed_out_everywhere')}>
          {t('auth.signOutEverywhere')}
        </button>
      ) : null}
      {error !== null ? <ErrorAlert error={error} /> : null}
    </div>
  );
}
