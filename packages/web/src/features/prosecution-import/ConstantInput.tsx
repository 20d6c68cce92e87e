import {
  appealOutcomes,
  appellants,
  chargeCategories,
  formsOfExploitation,
  investigationApproaches,
  operationOrigins,
  suspectRoles,
  suspectSexes,
  verdictOutcomes,
  type ProsecutionImportFieldName,
} from '@palermo/contracts';
import { ConstantValueInput, type ImportChoices } from '../../components/ImportMapping';
import type { ProsecutionLabels } from '../prosecution/labels';

/** The fields whose values come from a vocabulary: their one value for every row is chosen by its label, never typed as a code. */
function choicesOf(labels: ProsecutionLabels): Partial<Record<ProsecutionImportFieldName, ImportChoices>> {
  return {
    origin: { codes: operationOrigins, label: labels.origin },
    approach: { codes: investigationApproaches, label: labels.approach },
    formsOfExploitation: { codes: formsOfExploitation, label: labels.exploitation },
    roles: { codes: suspectRoles, label: labels.role },
    sex: { codes: suspectSexes, label: labels.sex },
    chargeCategories: { codes: chargeCategories, label: labels.category },
    verdicts: { codes: verdictOutcomes, label: labels.verdict },
    convictedCategories: { codes: chargeCategories, label: labels.category },
    appellant: { codes: appellants, label: labels.appellant },
    appealOutcome: { codes: appealOutcomes, label: labels.appealOutcome },
  };
}

interface Props {
  readonly field: ProsecutionImportFieldName;
  readonly fieldLabel: string;
  readonly labels: ProsecutionLabels;
  readonly value: string;
  readonly onChange: (value: string) => void;
}

/** The mapping's one value for every row of a field: a choice of labelled values where the field has a vocabulary, else text. */
export function ConstantInput({ field, fieldLabel, labels, value, onChange }: Props) {
  return <ConstantValueInput fieldLabel={fieldLabel} value={value} onChange={onChange} choices={choicesOf(labels)[field]} />;
}
