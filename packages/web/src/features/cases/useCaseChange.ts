import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseView, OrganisationView } from '@palermo/contracts';
import type { FormState } from '../../components/useForm';
import { useKeyedPost, type KeyedPost } from './keyed';
import { isStaleVersion, localiseCaseError } from './problems';

/** What every action on the case page is given. */
export interface CaseActionProps {
  caseView: CaseView;
  /** Active organisations, for choosing where consent, referrals and decision requests go. */
  organisations: readonly OrganisationView[];
  /** After a change: reload the case (its stage, timeline and version); a notice is shown at the top of the page. */
  onChanged: (notice?: string) => void;
  /** The case was changed by someone else since it was read. */
  onStale: () => void;
}

/**
 * Runs one change to a case through a form: the request carries an idempotency key (kept if the same request is
 * retried), refusals are translated, and a stale version is reported to the page so that it can offer to reload.
 */
export function useCaseChange(form: FormState, onStale: () => void) {
  const { t } = useTranslation();
  const post = useKeyedPost();
  return useCallback(
    (action: (post: KeyedPost) => Promise<void>) =>
      form.run(async () => {
        try {
          await action(post);
        } catch (error) {
          if (isStaleVersion(error)) onStale();
          throw localiseCaseError(t, error);
        }
      }),
    [form, onStale, post, t],
  );
}
