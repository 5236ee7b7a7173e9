import { ErrorCode, ensure } from './errors';

/**
 * Calendar dates are 'YYYY-MM-DD' (UTC) on the ledger and epoch day numbers in code.
 * The conversion is plain integer arithmetic (Howard Hinnant's civil-date algorithm),
 * so nothing here can read a clock.
 */
const ISO_DATE = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;
export const SECONDS_PER_DAY = 86_400;

const YEAR = '(19[7-9][0-9]|[2-9][0-9]{3})';
/** Leap years from 1970 to 9999: divisible by 4 and not by 100, or by 400. */
const LEAP_YEAR = '(19(7[26]|8[048]|9[26])|[2-9][0-9](0[48]|[2468][048]|[13579][26])|([2468][048]|[3579][26])00)';
const MONTH_DAY = '((0[13578]|1[02])-(0[1-9]|[12][0-9]|3[01])|(0[469]|11)-(0[1-9]|[12][0-9]|30)|02-(0[1-9]|1[0-9]|2[0-8]))';
/**
 * Exactly the dates parseIsoDate accepts (real calendar dates 1970-01-01 … 9999-12-31), as one
 * pattern: for request schemas, so that a schema-valid date is never one the ledger refuses.
 */
export const CALENDAR_DATE_PATTERN = `(${YEAR}-${MONTH_DAY}|${LEAP_YEAR}-02-29)`;
export const CALENDAR_DATE = new RegExp(`^${CALENDAR_DATE_PATTERN}$`);
const SECONDS_PER_DAY_N = BigInt(SECONDS_PER_DAY);

function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

const pad = (n: number, width: number): string => n.toString().padStart(width, '0');

/** Parses a real calendar date between 1970-01-01 and 9999-12-31 into its epoch day. */
export function parseIsoDate(text: unknown, field: string): number {
  ensure(typeof text === 'string', ErrorCode.INVALID_ARGUMENT, `${field} must be a YYYY-MM-DD date`);
  const match = ISO_DATE.exec(text);
  ensure(match !== null, ErrorCode.INVALID_ARGUMENT, `${field} must be a YYYY-MM-DD date`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  ensure(year >= 1970 && month >= 1 && month <= 12 && day >= 1 && day <= 31, ErrorCode.INVALID_ARGUMENT, `${field} is not a calendar date`);
  const epochDay = daysFromCivil(year, month, day);
  const roundTrip = civilFromDays(epochDay);
  ensure(roundTrip.month === month && roundTrip.day === day, ErrorCode.INVALID_ARGUMENT, `${field} is not a calendar date`);
  return epochDay;
}

export function formatEpochDay(epochDay: number): string {
  const { year, month, day } = civilFromDays(epochDay);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** The UTC epoch day of an instant given in seconds since 1970-01-01T00:00:00Z. */
export function epochDayOfSeconds(seconds: number): number {
  return Math.floor(seconds / SECONDS_PER_DAY);
}

/**
 * The UTC epoch day of a ledger date ('YYYY-MM-DD') or ledger timestamp ('YYYY-MM-DDTHH:MM:SSZ',
 * always UTC): the calendar date it starts with.
 */
export function epochDayOfLedgerText(text: unknown, field: string): number {
  ensure(
    typeof text === 'string' && (text.length === 10 || text.charAt(10) === 'T'),
    ErrorCode.INVALID_ARGUMENT,
    `${field} must be a YYYY-MM-DD date or a UTC timestamp`,
  );
  return parseIsoDate(text.slice(0, 10), field);
}

/** The moment of a transaction, from its proposal timestamp (the only clock chaincode may use). */
export interface TxTime {
  readonly seconds: bigint;
  /** UTC epoch day of the transaction. */
  readonly day: number;
  /** 'YYYY-MM-DDTHH:MM:SSZ'. */
  readonly iso: string;
}

export function txTimeFromSeconds(seconds: bigint): TxTime {
  ensure(seconds >= 0n, ErrorCode.INVALID_ARGUMENT, 'transaction timestamp before 1970');
  const day = Number(seconds / SECONDS_PER_DAY_N);
  const secondOfDay = Number(seconds % SECONDS_PER_DAY_N);
  const hh = Math.floor(secondOfDay / 3600);
  const mm = Math.floor((secondOfDay % 3600) / 60);
  const ss = secondOfDay % 60;
  return { seconds, day, iso: `${formatEpochDay(day)}T${pad(hh, 2)}:${pad(mm, 2)}:${pad(ss, 2)}Z` };
}

const LEDGER_TIMESTAMP = /^([0-9]{4}-[0-9]{2}-[0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})Z$/;

/** Parses a ledger timestamp 'YYYY-MM-DDTHH:MM:SSZ' (UTC, whole seconds) into seconds since 1970. */
export function parseLedgerTimestamp(text: unknown, field: string): bigint {
  ensure(typeof text === 'string', ErrorCode.INVALID_ARGUMENT, `${field} must be a UTC timestamp YYYY-MM-DDTHH:MM:SSZ`);
  const match = LEDGER_TIMESTAMP.exec(text);
  ensure(match !== null, ErrorCode.INVALID_ARGUMENT, `${field} must be a UTC timestamp YYYY-MM-DDTHH:MM:SSZ`);
  const day = parseIsoDate(match[1], field);
  const [hh, mm, ss] = [Number(match[2]), Number(match[3]), Number(match[4])];
  ensure(hh <= 23 && mm <= 59 && ss <= 59, ErrorCode.INVALID_ARGUMENT, `${field} is not a time of day`);
  return BigInt(day) * SECONDS_PER_DAY_N + BigInt(hh * 3600 + mm * 60 + ss);
}
