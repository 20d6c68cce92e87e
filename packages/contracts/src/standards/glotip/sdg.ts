import type { Vocabulary } from '../vocabulary.js';

/** UN SDG database series of indicator 16.2.2 (dimensions Age, Sex, Reporting Type). data-standard.md §3.1. */
export const sdgSeries = {
  id: 'sdg.16.2.2.series',
  standard: 'SDG',
  version: 'metadata 2023-03-31',
  source: 'SDG indicator 16.2.2 metadata and UN SDG database series codes (data-standard.md §3.1)',
  note: 'Custodian UNODC. The published series count detected victims.',
  codes: [
    { code: 'VC_HTF_DETV', label: 'Detected victims of human trafficking (number)' },
    { code: 'VC_HTF_DETVR', label: 'Detected victims of human trafficking (per 100,000 population)' },
    { code: 'VC_HTF_DETVSX', label: 'Detected victims, sexual exploitation (number)' },
    { code: 'VC_HTF_DETVSXR', label: 'Detected victims, sexual exploitation (per 100,000 population)' },
    { code: 'VC_HTF_DETVFL', label: 'Detected victims, forced labour, servitude and slavery (number)' },
    { code: 'VC_HTF_DETVFLR', label: 'Detected victims, forced labour, servitude and slavery (per 100,000 population)' },
    { code: 'VC_HTF_DETVOP', label: 'Detected victims, other purposes (number)' },
    { code: 'VC_HTF_DETVOPR', label: 'Detected victims, other purposes (per 100,000 population)' },
    { code: 'VC_HTF_DETVOG', label: 'Detected victims, removal of organ (number)' },
    { code: 'VC_HTF_DETVOGR', label: 'Detected victims, removal of organ (per 100,000 population)' },
  ],
} as const satisfies Vocabulary;
