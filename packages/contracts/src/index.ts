export * from './vocabularies/index.js';
export * from './api/common.js';
export * from './api/health.js';
export * from './api/organisations.js';
export * from './api/users.js';
export * from './api/auth.js';
export * from './api/persons.js';
export * from './api/audit.js';
