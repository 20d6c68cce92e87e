/** Turns the value of an <input type="date"> (YYYY-MM-DD, in the person's own time zone) into ISO date-times. */
function localDate(value: string, dayOffset: number): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(year, month - 1, day + dayOffset);
  // Reject dates such as 2025-02-31, which Date would roll over.
  const check = new Date(year, month - 1, day);
  if (check.getFullYear() !== year || check.getMonth() !== month - 1 || check.getDate() !== day) return undefined;
  return date;
}

/** The first instant of the day. */
export function startOfDay(value: string): string | undefined {
  return localDate(value, 0)?.toISOString();
}

/** The last instant of the day (so that "to" includes the whole day). */
export function endOfDay(value: string): string | undefined {
  const next = localDate(value, 1);
  return next ? new Date(next.getTime() - 1).toISOString() : undefined;
}
