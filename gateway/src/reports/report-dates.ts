import { formatEpochDay, parseIsoDate } from '@scf/kernel/dates';
import { ApiError } from '../http/api-error';
import { ErrorCode } from '@scf/kernel/errors';

/** The epoch day of a real calendar date (the kernel's ledger dates), undefined for anything else. */
function epochDay(date: string): number | undefined {
  try {
    return parseIsoDate(date, 'date');
  } catch {
    return undefined;
  }
}

/** A `YYYY-MM-DD` query parameter that must be a real calendar date, else 400 naming the parameter. */
export function calendarDate(value: string, parameter: string): string {
  if (epochDay(value) === undefined) {
    throw new ApiError(ErrorCode.INVALID_ARGUMENT, `${parameter} is not a calendar date (YYYY-MM-DD)`, {
      violations: [{ path: `/querystring/${parameter}`, message: 'is not a calendar date' }],
    });
  }
  return value;
}

/** The UTC calendar date of an instant. */
export function utcDate(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** `to` − `from` in whole days (both valid `YYYY-MM-DD`). */
export function daysBetween(from: string, to: string): number {
  const a = epochDay(from);
  const b = epochDay(to);
  if (a === undefined || b === undefined) {
    throw new Error(`not calendar dates: ${from}, ${to}`);
  }
  return b - a;
}

export function addDays(date: string, days: number): string {
  const day = epochDay(date);
  if (day === undefined) {
    throw new Error(`not a calendar date: ${date}`);
  }
  return formatEpochDay(day + days);
}
