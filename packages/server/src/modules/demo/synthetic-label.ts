/**
 * The label on everything synthetic (the same as demo.seed.ts's SYNTHETIC, kept here so that the case generator does
 * not import the demo seed that calls it).
 */
export const SYNTHETIC = '[SYNTHETIC]';

/** The e-mail domain of the demo users (`<role>@demo.palermo.invalid`). */
export const DEMO_EMAIL_DOMAIN = 'demo.palermo.invalid';

/**
 * The reporting country of the synthetic data, "Demoland": XD is in the ISO 3166-1 user-assigned range, so it can never
 * be mistaken for a real country.
 */
export const DEMO_COUNTRY_CODE = 'XD';
