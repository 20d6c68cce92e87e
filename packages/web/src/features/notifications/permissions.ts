import type { Capabilities } from '@palermo/contracts';

/** Mail the server refused is shown to administrators (the server gives an organisation's administrator her own). */
export const canSeeUndeliverable = (capabilities: Capabilities): boolean => capabilities.seeUndeliverableMail;
/** The country's time zone is a national administrator's setting. */
export const canSetTimeZone = (capabilities: Capabilities): boolean => capabilities.setTimeZone;
