import { useState } from 'react';
import { isolate } from '../../i18n/isolate';
import { useTranslation } from 'react-i18next';
import { caseBriefStatuses, caseBriefTextRequest, documentLanguages, namesOffenceConvicted, type DocumentLanguage, type SherlocBrief } from '@palermo/contracts';
import { useActiveSession } from '../../app/session';
import { DownloadLink } from '../../components/DownloadLink';
import { ErrorSummary } from '../../components/ErrorSummary';
import { SelectField, TextField } from '../../components/fields';
import { ErrorAlert, Loading, StatusMessage } from '../../components/Status';
import { useContractForm } from '../../components/useForm';
import { TextAreaField } from '../cases/controls';
import { localiseIssues } from '../cases/problems';
import { canEditCaseBriefs, canSeeCaseBriefs, caseBriefJsonHref, caseBriefPdfHref, getCaseBrief, saveCaseBriefText } from './caseBriefApi';
import { useProsecutionLabels } from './labels';

type Loaded = { status: 'idle' } | { status: 'loading' } | { status: 'failed'; error: unknown } | { status: 'ready'; brief: SherlocBrief };

/**
 * The operation's case brief in SHERLOC's fields for publication: nothing is asked of the server until the reader
 * opens the section; then the fields as the server built them (identities removed), the prosecutor's text for
 * publication (written by the prosecutors of the office referred to), and the downloads as JSON and PDF.
 */
export function CaseBriefSection({ operationId }: { operationId: string }) {
  const { t } = useTranslation();
  const session = useActiveSession();
  const [loaded, setLoaded] = useState<Loaded>({ status: 'idle' });
  const [saved, setSaved] = useState(false);
  if (!canSeeCaseBriefs(session.capabilities)) return null;

  /** Loads the brief; after a save, the fields already shown stay until the new ones arrive (the form keeps its place). */
  function load() {
    if (loaded.status !== 'ready') setLoaded({ status: 'loading' });
    getCaseBrief(operationId).then(
      (brief) => setLoaded({ status: 'ready', brief }),
      (error: unknown) => setLoaded({ status: 'failed', error }),
    );
  }

  function onSaved() {
    setSaved(true);
    load();
  }

  return (
    <section aria-labelledby="case-brief-title">
      <h2 id="case-brief-title">{t('caseBrief.section')}</h2>
      <p>{t('caseBrief.intro')}</p>
      <StatusMessage>{saved ? t('caseBrief.saved') : ''}</StatusMessage>
      <details
        className="action-panel"
        onToggle={(event) => {
          if ((event.currentTarget as HTMLDetailsElement).open && loaded.status === 'idle') load();
        }}
      >
        <summary>{t('caseBrief.show')}</summary>
        {loaded.status === 'loading' ? <Loading /> : null}
        {loaded.status === 'failed' ? <ErrorAlert error={loaded.error} /> : null}
        {loaded.status === 'ready' ? (
          <>
            <BriefDownloads brief={loaded.brief} />
            {canEditCaseBriefs(session.capabilities) ? <BriefTextForm brief={loaded.brief} onSaving={() => setSaved(false)} onSaved={onSaved} /> : <p>{t('caseBrief.readOnly')}</p>}
            <BriefPreview brief={loaded.brief} />
          </>
        ) : null}
      </details>
    </section>
  );
}

function BriefDownloads({ brief }: { brief: SherlocBrief }) {
  const { t, i18n } = useTranslation();
  const [language, setLanguage] = useState<DocumentLanguage>((documentLanguages as readonly string[]).includes(i18n.language) ? (i18n.language as DocumentLanguage) : 'en');
  return (
    <div className="card">
      <h3>{t('caseBrief.downloads')}</h3>
      <SelectField id="case-brief-language" label={t('caseBrief.pdfLanguage')} value={language} onValueChange={(v) => setLanguage(v as DocumentLanguage)}>
        {documentLanguages.map((code) => (
          <option key={code} value={code}>
            {t(`caseBrief.languages.${code}`)}
          </option>
        ))}
      </SelectField>
      <ul className="plain-list">
        <li>
          <DownloadLink href={caseBriefPdfHref(brief.operationId, language)} fileName={`case-brief-${brief.reference}-${language}.pdf`}>
            {t('caseBrief.downloadPdf')}
          </DownloadLink>
        </li>
        <li>
          <DownloadLink href={caseBriefJsonHref(brief.operationId)} fileName={`case-brief-${brief.reference}.json`}>
            {t('caseBrief.downloadJson')}
          </DownloadLink>
        </li>
      </ul>
    </div>
  );
}

function BriefTextForm({ brief, onSaving, onSaved }: { brief: SherlocBrief; onSaving: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const labels = useProsecutionLabels();
  const form = useContractForm(
    caseBriefTextRequest,
    {
      caseName: { id: 'case-brief-name', label: t('caseBrief.caseName') },
      caseNumber: { id: 'case-brief-number', label: t('caseBrief.caseNumber') },
      country: { id: 'case-brief-country', label: t('caseBrief.country') },
      factSummary: { id: 'case-brief-facts', label: t('caseBrief.factSummary') },
      commentary: { id: 'case-brief-commentary', label: t('caseBrief.commentary') },
      status: { id: 'case-brief-status', label: t('caseBrief.status') },
    },
    {
      caseName: brief.caseName,
      caseNumber: brief.caseNumber,
      country: brief.country ?? '',
      factSummary: brief.text.factSummary,
      commentary: brief.text.commentary,
      status: brief.text.status as string,
    },
    {
      // No country chosen is no country, as the brief has none.
      request: ({ country, ...values }) => ({ ...values, country: country || null }),
      localise: (issues) => localiseIssues(t, issues),
    },
  );
  const countries = [...new Set([...(brief.country ? [brief.country] : []), ...brief.countries.map((c) => c.country), ...brief.defendants.flatMap((d) => d.citizenships)])];

  const save = form.submit(async (body) => {
    await saveCaseBriefText(brief.operationId, body);
    onSaved();
  });

  return (
    <div className="card">
      <h3>{t('caseBrief.textTitle')}</h3>
      <p className="hint">{t('caseBrief.textHint')}</p>
      <ErrorSummary form={form} />
      <form
        onSubmit={(event) => {
          onSaving();
          void save(event);
        }}
        noValidate
      >
        <TextField id="case-brief-name" label={t('caseBrief.caseName')} hint={t('caseBrief.caseNameHint')} {...form.text('caseName')} />
        <TextField id="case-brief-number" label={t('caseBrief.caseNumber')} optional {...form.text('caseNumber')} />
        <SelectField id="case-brief-country" label={t('caseBrief.country')} hint={t('caseBrief.countryHint')} {...form.text('country')}>
          <option value="">{t('caseBrief.noCountry')}</option>
          {countries.map((code) => (
            <option key={code} value={code}>
              {labels.country(code)}
            </option>
          ))}
        </SelectField>
        <TextAreaField id="case-brief-facts" label={t('caseBrief.factSummary')} rows={8} {...form.text('factSummary')} />
        <TextAreaField id="case-brief-commentary" label={t('caseBrief.commentary')} optional rows={5} {...form.text('commentary')} />
        <SelectField id="case-brief-status" label={t('caseBrief.status')} {...form.text('status')}>
          {caseBriefStatuses.map((code) => (
            <option key={code} value={code}>
              {t(`caseBrief.statuses.${code}`)}
            </option>
          ))}
        </SelectField>
        <button type="submit" disabled={form.submitting}>
          {t('caseBrief.save')}
        </button>
      </form>
    </div>
  );
}

function BriefPreview({ brief }: { brief: SherlocBrief }) {
  const { t } = useTranslation();
  const labels = useProsecutionLabels();
  const none = t('caseBrief.noneRecorded');
  const join = (items: readonly string[]) => (items.length === 0 ? none : labels.list(items, (item) => item));
  const rows: [string, string][] = [
    [t('caseBrief.status'), t(`caseBrief.statuses.${brief.text.status}`)],
    [t('caseBrief.caseName'), brief.caseName ? isolate(brief.caseName) : none],
    [t('caseBrief.caseNumber'), brief.caseNumber ? isolate(brief.caseNumber) : none],
    [t('caseBrief.country'), brief.country ? labels.country(brief.country) : t('caseBrief.noCountry')],
    [t('caseBrief.years'), brief.years.join(' ')],
    [t('caseBrief.courts'), join(brief.courts.map((c) => `${t(`caseBrief.courtLevels.${c.level}`)}${c.name ? ` (${isolate(c.name)})` : ''}`))],
    [t('caseBrief.legalProvisions'), join(brief.legalProvisions.map((p) => `${isolate(p.provision)} (${labels.category(p.category)})`))],
    [t('prosecution.protocolActs'), join(brief.protocol.acts.map(labels.act))],
    [t('prosecution.protocolMeans'), join(brief.protocol.means.map(labels.means))],
    [t('prosecution.protocolPurposes'), join(brief.protocol.purposes.map(labels.purpose))],
    [t('prosecution.formsOfExploitation'), join(brief.formsOfExploitation.map(labels.exploitation))],
    [t('caseBrief.countries'), join(brief.countries.map((c) => `${labels.stage(c.stage)}: ${labels.country(c.country)}`))],
    [t('caseBrief.victimsTotal'), String(brief.victims.total)],
    [t('caseBrief.bySex'), join(brief.victims.bySex.map((s) => `${t(`caseBrief.sexes.${s.sex}` as 'caseBrief.sexes.other')}: ${s.count}`))],
    [t('caseBrief.byAgeGroup'), join(brief.victims.byAgeGroup.map((a) => `${t(`caseBrief.ageGroups.${a.ageGroup}`)}: ${a.count}`))],
  ];
  return (
    <div className="card">
      <h3>{t('caseBrief.preview')}</h3>
      {/* Values follow the page's direction, what people typed isolated inside them: a bdi would take its direction from a
          provision's Latin letters and, in Arabic, put a list of provisions out of order. */}
      <dl className="details">
        {rows.map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <h4>{t('caseBrief.defendants')}</h4>
      {brief.defendants.length === 0 ? <p>{none}</p> : null}
      {brief.defendants.map((d, index) => (
        <div key={d.label}>
          <h5>{t('caseBrief.defendant', { n: index + 1 })}</h5>
          <ul>
            <li>{[t(`caseBrief.sexes.${d.sex}` as 'caseBrief.sexes.other'), d.ageAtOffence === null ? '' : t('caseBrief.age', { age: d.ageAtOffence }), labels.countries(d.citizenships), labels.list(d.roles, labels.role)].filter((p) => p !== '').join(' · ')}</li>
            {d.charges.map((c, i) => (
              <li key={`c${i}`}>
                {t('caseBrief.charges')}: {t('caseBrief.chargeLine', { date: labels.date(c.date), provision: isolate(c.provision), category: labels.category(c.category) })}
              </li>
            ))}
            {d.verdicts.map((v, i) => (
              <li key={`v${i}`}>
                {t('caseBrief.verdicts')}: {t('caseBrief.verdictLine', { date: labels.date(v.date), outcome: labels.verdict(v.outcome), charged: isolate(v.provisionCharged) })}{' '}
                {v.provisionConvicted !== null && namesOffenceConvicted(v) ? t('caseBrief.convictedOf', { provision: isolate(v.provisionConvicted), category: labels.category(v.categoryConvicted ?? undefined) }) : null}{' '}
                {v.downgraded ? <strong>{t('caseBrief.downgraded')}</strong> : null}
              </li>
            ))}
            {d.sentences.map((s, i) => (
              <li key={`s${i}`}>
                {t('caseBrief.sentences')}: {t(s.suspended ? 'caseBrief.sentenceSuspended' : 'caseBrief.sentenceLine', { date: labels.date(s.date), months: s.custodialMonths })}
              </li>
            ))}
            {d.appeals.map((a, i) => (
              <li key={`a${i}`}>
                {t('caseBrief.appeals')}:{' '}
                {t('caseBrief.appealLine', { date: labels.date(a.date), appellant: labels.appellant(a.appellant), outcome: a.outcome ? labels.appealOutcome(a.outcome) : t('caseBrief.appealPending') })}
              </li>
            ))}
          </ul>
        </div>
      ))}
      <h4>{t('caseBrief.factSummary')}</h4>
      <p className="record-notes">
        <bdi>{brief.text.factSummary || t('caseBrief.notWritten')}</bdi>
      </p>
      <h4>{t('caseBrief.commentary')}</h4>
      <p className="record-notes">
        <bdi>{brief.text.commentary || t('caseBrief.notWritten')}</bdi>
      </p>
    </div>
  );
}
