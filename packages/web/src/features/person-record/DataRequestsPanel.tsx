import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { dataRequestOutcomes, type DataRequestOutcome, type DocumentLanguage } from '@palermo/contracts';
import { useResource } from '../../app/useResource';
import { SelectField, TextField } from '../../components/fields';
import { ErrorAlert, Loading, StatusMessage } from '../../components/Status';
import { useFormats } from '../cases/format';
import { answerDataRequest, listDataRequests, printedAnswer, recordDataRequest, saveFile, subjectAccess } from './api';
import { LanguageSelect, useDocumentLanguage } from './PrintPanel';

const today = () => new Date().toISOString().slice(0, 10);

/**
 * The person's requests about her own data, answered by a supervisor of the organisation holding the case: the
 * subject access document (everything held, in a language she reads), requests to correct or erase recorded in her
 * words, and their answers, each saved as a file.
 */
export function DataRequestsPanel({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const formats = useFormats();
  const [version, setVersion] = useState(0);
  const [requests] = useResource(() => listDataRequests(caseId), `data-requests:${caseId}:${version}`);
  const [notice, setNotice] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const [sarLanguage, setSarLanguage] = useDocumentLanguage();
  const [sarReceived, setSarReceived] = useState(today());
  const [kind, setKind] = useState<'correction' | 'erasure'>('correction');
  const [details, setDetails] = useState('');
  const [received, setReceived] = useState(today());
  const [answering, setAnswering] = useState('');
  const [outcome, setOutcome] = useState<DataRequestOutcome>('done');
  const [answer, setAnswer] = useState('');
  const [answerLanguage, setAnswerLanguage] = useDocumentLanguage();

  async function act(work: () => Promise<string>) {
    setBusy(true);
    setError(null);
    setNotice('');
    try {
      setNotice(await work());
      setVersion((v) => v + 1);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }
  const download = async (file: Promise<{ blob: Blob; fileName: string }>) => {
    const saved = await file;
    saveFile(saved);
    return t('personRecord.ui.downloaded', { name: saved.fileName });
  };

  const onSar = (event: FormEvent) => {
    event.preventDefault();
    void act(() => download(subjectAccess(caseId, { language: sarLanguage, receivedOn: sarReceived })));
  };
  const onRecord = (event: FormEvent) => {
    event.preventDefault();
    void act(async () => {
      await recordDataRequest(caseId, { kind, details, receivedOn: received });
      setDetails('');
      return t('personRecord.ui.recorded');
    });
  };
  const onAnswer = (event: FormEvent) => {
    event.preventDefault();
    void act(async () => {
      const text = await download(answerDataRequest(caseId, answering, { outcome, answer, language: answerLanguage as DocumentLanguage }));
      setAnswer('');
      setAnswering('');
      return text;
    });
  };

  const list = requests.status === 'ready' ? requests.data : [];
  const waiting = list.filter((r) => r.kind !== 'access' && r.outcome === null);

  return (
    <div className="person-record-requests">
      <p>{t('personRecord.ui.dpIntro')}</p>
      <StatusMessage>{busy ? t('personRecord.ui.working') : notice}</StatusMessage>
      {error ? <ErrorAlert error={error} /> : null}

      <form onSubmit={onSar} aria-labelledby="sar-title" noValidate>
        <h3 id="sar-title">{t('personRecord.ui.produceSar')}</h3>
        <LanguageSelect id="sar-language" value={sarLanguage} onChange={setSarLanguage} />
        <TextField id="sar-received" type="date" label={t('personRecord.ui.receivedOn')} value={sarReceived} max={today()} onValueChange={setSarReceived} />
        <button type="submit" disabled={busy}>
          {t('personRecord.ui.produceSar')}
        </button>
      </form>

      <form onSubmit={onRecord} aria-labelledby="record-request-title" noValidate>
        <h3 id="record-request-title">{t('personRecord.ui.recordTitle')}</h3>
        <SelectField id="request-kind" label={t('personRecord.ui.kind')} value={kind} onValueChange={(v) => setKind(v as 'correction' | 'erasure')}>
          <option value="correction">{t('personRecord.kinds.correction')}</option>
          <option value="erasure">{t('personRecord.kinds.erasure')}</option>
        </SelectField>
        <label htmlFor="request-details">{t('personRecord.ui.details')}</label>
        <textarea id="request-details" value={details} rows={3} maxLength={4000} required onChange={(e) => setDetails(e.target.value)} />
        <TextField id="request-received" type="date" label={t('personRecord.ui.receivedOn')} value={received} max={today()} onValueChange={setReceived} />
        <button type="submit" disabled={busy}>
          {t('personRecord.ui.record')}
        </button>
      </form>

      {requests.status === 'loading' ? <Loading /> : null}
      {requests.status === 'failed' ? <ErrorAlert error={requests.error} /> : null}
      {requests.status === 'ready' ? (
        list.length === 0 ? (
          <p>{t('personRecord.ui.noRequests')}</p>
        ) : (
          <table>
            <caption>{t('personRecord.ui.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('personRecord.ui.colKind')}</th>
                <th scope="col">{t('personRecord.ui.colReceived')}</th>
                <th scope="col">{t('personRecord.ui.colOutcome')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((r) => (
                <tr key={r.id}>
                  <td>{t(`personRecord.kinds.${r.kind}`)}</td>
                  <td>{formats.date(r.receivedOn)}</td>
                  <td>
                    {r.outcome ? `${t(`personRecord.outcomes.${r.outcome}`)} (${r.answeredAt ? formats.dateTime(r.answeredAt) : ''})` : t('personRecord.ui.notAnswered')}
                    {r.outcome && r.kind !== 'access' ? (
                      <>
                        {' '}
                        <button type="button" className="link-button" disabled={busy} onClick={() => void act(() => download(printedAnswer(caseId, r.id)))}>
                          {t('personRecord.ui.downloadAnswer')}
                        </button>
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      ) : null}

      {waiting.length > 0 ? (
        <form onSubmit={onAnswer} aria-labelledby="answer-request-title" noValidate>
          <h3 id="answer-request-title">{t('personRecord.ui.answerTitle')}</h3>
          <SelectField id="answer-request" label={t('personRecord.ui.chooseRequest')} value={answering} onValueChange={setAnswering}>
            <option value="" />
            {waiting.map((r) => (
              <option key={r.id} value={r.id}>
                {`${t(`personRecord.kinds.${r.kind}`)} · ${formats.date(r.receivedOn)}`}
              </option>
            ))}
          </SelectField>
          <SelectField id="answer-outcome" label={t('personRecord.ui.outcome')} value={outcome} onValueChange={(v) => setOutcome(v as DataRequestOutcome)}>
            {dataRequestOutcomes.map((o) => (
              <option key={o} value={o}>
                {t(`personRecord.outcomes.${o}`)}
              </option>
            ))}
          </SelectField>
          <label htmlFor="answer-text">{t('personRecord.ui.answer')}</label>
          <textarea id="answer-text" value={answer} rows={3} maxLength={4000} required onChange={(e) => setAnswer(e.target.value)} />
          <LanguageSelect id="answer-language" label={t('personRecord.ui.answerLanguage')} value={answerLanguage} onChange={setAnswerLanguage} />
          <button type="submit" disabled={busy || answering === ''}>
            {t('personRecord.ui.sendAnswer')}
          </button>
        </form>
      ) : null}
    </div>
  );
}
