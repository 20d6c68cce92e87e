/**
 * The field's data standards as code: HTCDS v2.0 code lists, CTDC variables and bands, GLOTIP breakdowns and SDG
 * series, Palermo's extensions, and the crosswalks between them with the project's decisions.
 * Source of truth: shared/data-standard.md.
 */
import type { Vocabulary } from './vocabulary.js';
import * as ctdc from './ctdc/index.js';
import * as glotip from './glotip/index.js';
import * as htcds from './htcds/index.js';
import * as extensions from './extensions.js';
import { palermoOrganisationType } from './crosswalks/organisation.js';

export * from './vocabulary.js';
export * from './htcds/index.js';
export * from './ctdc/index.js';
export * from './glotip/index.js';
export * from './extensions.js';
export * from './crosswalks/index.js';
export * from './iso3166.js';

function isVocabulary(value: unknown): value is Vocabulary {
  return typeof value === 'object' && value !== null && 'id' in value && 'codes' in value && Array.isArray(value.codes);
}

/** Every vocabulary, for tests and for a reference page listing them. */
export const allVocabularies: readonly Vocabulary[] = [
  ...[htcds, extensions, ctdc, glotip].flatMap((module) => Object.values(module).filter(isVocabulary)),
  palermoOrganisationType,
];
