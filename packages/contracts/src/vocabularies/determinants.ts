/**
 * The determinants of anti-trafficking efforts (the framework in the seeds' determinants research) and how a national
 * rapporteur's assessment describes each. Labels are in the web app's locales under `determinants.<vocabulary>.<code>`.
 */

/** The sixteen determinants of the framework, in the research's order. */
export const determinantCodes = [
  'political_will',
  'acknowledgment_framing',
  'data_research',
  'culture_discrimination',
  'religion_morality',
  'governance_corruption',
  'partnerships',
  'specialised_institutions',
  'international_law',
  'external_monitoring',
  'case_law',
  'civil_society',
  'economy_funding',
  'training_expertise',
  'events_crises',
  'covid19',
] as const;
export type DeterminantCode = (typeof determinantCodes)[number];

/** Whether the determinant pushes toward better anti-trafficking policies, hinders them, or neither. */
export const determinantDirections = ['positive', 'neutral', 'negative'] as const;
export type DeterminantDirection = (typeof determinantDirections)[number];

/** Active: it influences change itself; passive: it frames the other factors. */
export const determinantActivities = ['active', 'passive'] as const;
export type DeterminantActivity = (typeof determinantActivities)[number];

export const determinantStrengths = ['weak', 'moderate', 'strong'] as const;
export type DeterminantStrength = (typeof determinantStrengths)[number];

/** The typology's dimensions, each with its values (a determinant takes one value of each dimension). */
export const determinantTypology = {
  /** Domestic or outside the State. */
  origin: ['internal', 'external'],
  /** Frames the efforts, or active pressure for change. */
  nature: ['structural', 'pressure_point'],
  specificity: ['trafficking_specific', 'contextual', 'tangential'],
  reach: ['direct', 'indirect'],
  level: ['personal', 'institutional', 'cultural'],
} as const;
export type DeterminantTypologyDimension = keyof typeof determinantTypology;
export const determinantTypologyDimensions = Object.keys(determinantTypology) as DeterminantTypologyDimension[];
