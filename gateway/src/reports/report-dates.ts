import { ApiError } from '../http/api-error';
import { ErrorCode } from '@scf/kernel/errors';

const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function epochDay(date: string): number | undefined {
  const match = DATE.exec(date);
  if (!match) {
    return undefined;
  }
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  // Date.UTC rolls 2025-02-30 over into March: a real calendar date maps back to itself.
  return new Date(ms).toISOString().slice(0, 10) === date ? ms / DAY_MS : undefined;
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
  return new Date((day + days) * DAY_MS).toISOString().slice(0, 10);
}
