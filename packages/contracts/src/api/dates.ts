import { z } from 'zod';

/**
 * Calendar dates checked against today. "Today" differs across the world by up to a day either side of UTC, and the
 * contracts run in browsers and servers in any time zone: a date is in the future only when it is after today
 * everywhere (UTC+14), in the past only when it is before today everywhere (UTC-12). Dates are compared as ISO strings
 * (YYYY-MM-DD), which order like the dates they name.
 */
const HOUR = 3_600_000;
const dayAt = (offsetHours: number): string => new Date(Date.now() + offsetHours * HOUR).toISOString().slice(0, 10);

/** The latest date it is anywhere on earth now. */
export const latestToday = (): string => dayAt(14);
/** The earliest date it is anywhere on earth now. */
export const earliestToday = (): string => dayAt(-12);

const calendarDate = z.iso.date({ error: 'must be a date (year, month and day)' });

/** A date that has happened: a birth date, the date something was received. */
export const pastOrToday = calendarDate.refine((value) => value <= latestToday(), 'must not be in the future');

/** A date still ahead (or today): a target, a deadline. */
export const todayOrLater = calendarDate.refine((value) => value >= earliestToday(), 'must not be in the past');
