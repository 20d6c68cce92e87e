import type { CaseView } from '@palermo/contracts';
import { useActiveSession } from '../../app/session';
import { DecisionFile } from './DecisionFile';
import { IntakeSection } from './IntakeSection';
import { PersonProfileSection } from './ProfileSection';
import { ScreeningAnswers } from './ScreeningAnswers';

/**
 * The case page's sections about what happened and who the person is, beyond identity: for the competent authority
 * the decision file; for the side managing the case the screenings read back, the intake and the referral form, each
 * correctable; for anyone else, what the field policy shows them of the referral form (nothing renders otherwise).
 */
export function CaseFacts({ caseView, managing, onChanged }: { caseView: CaseView; managing: boolean; onChanged: () => void }) {
  const session = useActiveSession();
  const { roles, organisation } = session.user;
  const authority = roles.includes('decision_maker') && organisation.type === 'competent_authority' && caseView.managingOrganisationId !== organisation.id;
  if (authority) return <DecisionFile caseId={caseView.id} />;
  if (!managing) return <PersonProfileSection caseId={caseView.id} canCorrect={false} />;
  return (
    <>
      <ScreeningAnswers key={`screenings-${caseView.version}-${caseView.timeline?.length ?? 0}`} caseId={caseView.id} />
      <IntakeSection caseId={caseView.id} canCorrect onChanged={onChanged} />
      <PersonProfileSection caseId={caseView.id} canCorrect />
    </>
  );
}
