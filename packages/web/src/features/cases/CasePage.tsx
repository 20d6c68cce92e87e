import { useCallback, useMemo, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { lawEnforcementOrganisationTypes, type CaseView, type SessionView } from '@palermo/contracts';
import { ApiError } from '../../app/api';
import { Page } from '../../app/Page';
import { useActiveSession } from '../../app/session';
import { useResource } from '../../app/useResource';
import { ErrorAlert, Loading, StatusMessage } from '../../components/Status';
import { listOrganisations } from '../organisations/api';
import { CaseManagerForm } from '../case-records/CaseManagerForm';
import { AccountSection } from '../account/AccountSection';
import { CaseRecordsSection } from '../case-records/CaseRecordsSection';
import { CaseReferrals } from '../referrals/CaseReferrals';
import { DocumentsSection } from '../documents/DocumentsSection';
import { ScreeningForm } from '../screening/ScreeningForm';
import { CaseFacts } from '../person-profile/CaseFacts';
import { PersonRecordSection } from '../person-record/PersonRecordSection';
import { CaseProceedings } from '../proceedings/CaseProceedings';
import { canLinkToProceedings } from '../proceedings/api';
import { ApprovalsSection } from '../supervision/ApprovalsSection';
import { ReassignForm } from '../supervision/ReassignForm';
import { ActionPanel, StaleCaseContext } from './ActionPanel';
import { getCase } from './api';
import { ConsentsTable, MeasuresList, Timeline } from './CaseSections';
import { CaseSummary, PersonDetails } from './CaseSummary';
import { CaseSectionNav } from './CaseSectionNav';
import { CloseCaseForm } from './CloseCaseForm';
import { ConsentForm } from './ConsentForm';
import { DecisionForm, decisionKindsAt } from './DecisionForm';
import { PossibleMatches } from './PossibleMatches';
import { RequestDecisionForm } from './RequestDecisionForm';
import { openStatuses } from './vocabulary';
import './cases.css';

/** Case management proper (the case record): the organisation's caseworkers and supervisors, or the assigned case manager. */
export function assistsCase(session: SessionView, caseView: CaseView): boolean {
  const { roles, organisation, id } = session.user;
  const frontLine = roles.includes('caseworker') || roles.includes('supervisor');
  return (frontLine && caseView.managingOrganisationId === organisation.id) || (roles.includes('caseworker') && caseView.caseManagerUserId === id);
}

/**
 * The side that holds the case: case management, or a law-enforcement organisation that reported the suspicion and
 * holds the case at intake until an assistance organisation takes case management over.
 */
export function managesCase(session: SessionView, caseView: CaseView): boolean {
  const { roles, organisation } = session.user;
  const intake = roles.includes('investigator') && lawEnforcementOrganisationTypes.includes(organisation.type) && caseView.managingOrganisationId === organisation.id;
  return assistsCase(session, caseView) || intake;
}

/** A decision maker of a competent authority the case was referred to. */
function decidesCase(session: SessionView, caseView: CaseView): boolean {
  const { roles, organisation } = session.user;
  return roles.includes('decision_maker') && organisation.type === 'competent_authority' && caseView.managingOrganisationId !== organisation.id;
}

function openedReference(state: unknown): string | undefined {
  const value: unknown = typeof state === 'object' && state !== null ? Reflect.get(state, 'opened') : undefined;
  return typeof value === 'string' ? value : undefined;
}

export function CasePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const location = useLocation();
  const [resource, reload] = useResource(() => getCase(id), `case:${id}`);
  const opened = openedReference(location.state);
  const [notice, setNotice] = useState(opened ? t('report.created', { reference: opened }) : '');
  const [stale, setStale] = useState(false);

  const onChanged = useCallback(
    (text?: string) => {
      setNotice(text ?? '');
      setStale(false);
      reload();
      // The control that was used may go away (a panel that no longer applies): start again from the top.
      if (text !== undefined) document.querySelector<HTMLElement>('main h1')?.focus();
    },
    [reload],
  );
  const onStale = useCallback(() => setStale(true), []);
  const staleContext = useMemo(() => ({ stale, reload: () => onChanged(t('case.reloaded')) }), [stale, onChanged, t]);

  if (resource.status === 'loading') {
    return (
      <Page title={t('case.loadingTitle')}>
        <Loading />
      </Page>
    );
  }
  if (resource.status === 'failed') {
    const missing = resource.error instanceof ApiError && resource.error.status === 404;
    return (
      <Page title={missing ? t('case.notFoundTitle') : t('case.loadingTitle')}>
        {missing ? <p>{t('case.notFoundText')}</p> : <ErrorAlert error={resource.error} />}
        <p>
          <Link to="/cases">{t('case.backToCases')}</Link>
        </p>
      </Page>
    );
  }
  return (
    <Page title={t('case.title', { reference: resource.data.reference })}>
      <StatusMessage>{notice}</StatusMessage>
      {stale ? (
        <div role="alert" className="alert">
          <p>{t('case.stale')}</p>
          <button type="button" onClick={staleContext.reload}>
            {t('case.reload')}
          </button>
        </div>
      ) : null}
      <StaleCaseContext.Provider value={staleContext}>
        <CaseBody caseView={resource.data} onChanged={onChanged} onStale={onStale} />
      </StaleCaseContext.Provider>
      <p>
        <Link to="/cases">{t('case.backToCases')}</Link>
      </p>
    </Page>
  );
}

interface BodyProps {
  caseView: CaseView;
  onChanged: (notice?: string) => void;
  onStale: () => void;
}

function CaseBody({ caseView, onChanged, onStale }: BodyProps) {
  const { t } = useTranslation();
  const session = useActiveSession();
  const [organisationList] = useResource(listOrganisations, 'organisations');
  const organisations = organisationList.status === 'ready' ? organisationList.data : [];
  const active = organisations.filter((organisation) => organisation.active);
  const managing = managesCase(session, caseView);
  const assisting = assistsCase(session, caseView);
  const isOpen = openStatuses.includes(caseView.status);
  const canDecide = decidesCase(session, caseView) && isOpen && caseView.stage !== undefined && decisionKindsAt(caseView.stage).length > 0;
  const props = { caseView, organisations: active, onChanged, onStale };

  return (
    <>
      <CaseSummary caseView={caseView} />
      <CaseSectionNav />
      <PersonDetails caseView={caseView} />
      <CaseFacts caseView={caseView} managing={managing} onChanged={() => onChanged()} />
      {assisting ? <ApprovalsSection caseId={caseView.id} version={caseView.version} onChanged={onChanged} /> : null}
      {(managing && isOpen) || canDecide ? (
        <section aria-labelledby="case-actions-title" id="case-actions">
          <h2 id="case-actions-title">{t('case.actionsTitle')}</h2>
          {canDecide ? (
            <ActionPanel id="action-decide" title={t('decision.title')} open={caseView.stage === 'reasonable_grounds_pending'}>
              <DecisionForm key={caseView.stage} {...props} />
            </ActionPanel>
          ) : null}
          {managing && isOpen ? (
            <>
              {session.capabilities.superviseCases && caseView.managingOrganisationId === session.user.organisation.id ? (
                <ActionPanel id="action-reassign" title={t('supervision.reassignTitle')}>
                  <ReassignForm {...props} />
                </ActionPanel>
              ) : null}
              {assisting ? (
                <ActionPanel id="action-case-manager" title={t('caseManager.title')}>
                  <CaseManagerForm {...props} />
                </ActionPanel>
              ) : null}
              <ActionPanel id="action-screen" title={t('screening.title')}>
                <ScreeningForm {...props} />
              </ActionPanel>
              <ActionPanel id="action-consent" title={t('consent.title')}>
                <ConsentForm {...props} />
              </ActionPanel>
              {caseView.stage === 'reported' || caseView.stage === 'screened' ? (
                <ActionPanel id="action-request-decision" title={t('decisionRequest.title')}>
                  <RequestDecisionForm {...props} />
                </ActionPanel>
              ) : null}
              <ActionPanel id="action-matches" title={t('matches.title')}>
                <PossibleMatches caseId={caseView.id} />
              </ActionPanel>
              <ActionPanel id="action-close" title={t('close.title')}>
                <CloseCaseForm {...props} />
              </ActionPanel>
            </>
          ) : null}
        </section>
      ) : null}
      {managing ? <CaseReferrals {...props} canRefer={isOpen} /> : null}
      {!assisting && managing ? <p className="notice">{t('case.intakeOnly')}</p> : null}
      <AccountSection caseView={caseView} />
      {assisting || (caseView.recordKinds ?? []).length > 0 ? <CaseRecordsSection {...props} allOrganisations={organisations} canAdd={isOpen} /> : null}
      {assisting ? <CaseProceedings caseId={caseView.id} canRecord={canLinkToProceedings(session.capabilities)} /> : null}
      {managing || session.user.organisation.type === 'competent_authority' ? <DocumentsSection caseId={caseView.id} canAdd={managing && isOpen} /> : null}
      <MeasuresList caseView={caseView} onChanged={managing && isOpen ? () => onChanged() : undefined} />
      {managing ? <ConsentsTable caseView={caseView} organisations={organisations} /> : null}
      {managing ? <PersonRecordSection caseId={caseView.id} answersRequests={session.capabilities.answerDataRequests && session.user.organisation.id === caseView.managingOrganisationId} /> : null}
      <Timeline caseView={caseView} />
    </>
  );
}
