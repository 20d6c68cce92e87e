export * from './glotip.js';
export * from './sdg.js';
