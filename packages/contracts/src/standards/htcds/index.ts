export * from './person-victim.js';
export * from './exploitation.js';
export * from './control.js';
export * from './organisation-case.js';
