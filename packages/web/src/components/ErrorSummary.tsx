import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { FormState } from './formState';

/** The list of problems at the top of a form. Takes focus when it appears, so keyboard users land on it. */
export function ErrorSummary({ form }: { form: FormState }) {
  if (form.summary.length === 0) return null;
  return <SummaryBox key={form.attempt} form={form} />;
}

function SummaryBox({ form }: { form: FormState }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref}>
      <p className="error-summary-title">{t('form.errorSummary')}</p>
      <ul>
        {form.summary.map((item, index) => (
          <li key={index}>
            {item.targetId ? (
              <a
                href={`#${item.targetId}`}
                onClick={(event) => {
                  event.preventDefault();
                  document.getElementById(item.targetId ?? '')?.focus();
                }}
              >
                {item.text}
              </a>
            ) : (
              item.text
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
