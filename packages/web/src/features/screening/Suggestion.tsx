import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScreeningAssessment } from '@palermo/contracts';

/**
 * What a screening suggests, shown as advice: a dashed frame, the word "Suggestion", and a reminder that victim
 * status is decided by the competent authority. The explanation is the server's own reasoning, item by item.
 */
export function Suggestion({ assessment }: { assessment: ScreeningAssessment }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLElement>(null);
  // The form above is long: take keyboard and screen-reader users to the result.
  useEffect(() => {
    ref.current?.focus();
  }, [assessment]);
  return (
    <section className="suggestion" aria-labelledby="screening-suggestion-title" tabIndex={-1} ref={ref}>
      <p className="suggestion-label">{t('screening.suggestionLabel')}</p>
      <h3 id="screening-suggestion-title">{t('screening.suggestionTitle')}</h3>
      <p className="suggestion-text">{t(`screeningSuggestions.${assessment.suggestion}`)}</p>
      <p>
        {t('screening.counts', {
          strong: assessment.strongCount,
          medium: assessment.mediumCount,
          weak: assessment.weakCount,
          unknown: assessment.unknownCount,
        })}
      </p>
      {assessment.explanation.length > 0 ? (
        <>
          <h4>{t('screening.why')}</h4>
          <ul>
            {assessment.explanation.map((line, index) => (
              <li key={index}>
                <bdi>{line}</bdi>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p>
        <strong>{t('screening.notADecision')}</strong>
      </p>
    </section>
  );
}
