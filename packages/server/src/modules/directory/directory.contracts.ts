/** The contracts this module uses (packages/contracts), through the package so the compiled server loads its build. */
export * from '@palermo/contracts';
