import { formatEpochDay, parseIsoDate } from '@scf/kernel/dates';
import { COLLECTIONS, type CollectionName, type CollectionSpec, type FilterSpec } from './collections';
import type { CompiledSearch } from './repository';
import type { SqlValue } from './row-write';
import type { Statement } from './sql';
import type { Scope } from './viewer-scope';

export interface SearchRequest {
  readonly collection: CollectionName;
  /** Query parameters by name; only those the collection lists are used. */
  readonly filters: Readonly<Record<string, string | number | undefined>>;
  /** A sort field of the collection, `-` prefixed for descending; the collection's default if absent. */
  readonly sort: string | undefined;
  readonly limit: number;
  readonly offset: number;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** The first instant of the day after `date` (a date-only `to` bound includes that whole day). */
function nextDay(date: string): string {
  return `${formatEpochDay(parseIsoDate(date, 'date') + 1)}T00:00:00.000Z`;
}

function condition(spec: FilterSpec, raw: string | number): Statement {
  const value: SqlValue = spec.kind === 'int' ? Number(raw) : String(raw);
  if (spec.op === 'eq') {
    return { sql: `${spec.column} = ?`, params: [value] };
  }
  if (spec.op === 'from') {
    return { sql: `${spec.column} >= ?`, params: [value] };
  }
  if (spec.kind === 'timestamp' && typeof value === 'string' && DATE_ONLY.test(value)) {
    return { sql: `${spec.column} < ?`, params: [nextDay(value)] };
  }
  return { sql: `${spec.column} <= ?`, params: [value] };
}

function orderBy(spec: CollectionSpec, sort: string): string {
  const descending = sort.startsWith('-');
  const field = descending ? sort.slice(1) : sort;
  const sortSpec = spec.sorts[field];
  if (!sortSpec) {
    throw new Error(`unknown sort field ${field}`);
  }
  const direction = descending ? 'DESC' : 'ASC';
  const columns = sortSpec.amount === true ? sortSpec.columns.flatMap((c) => [`length(${c})`, c]) : sortSpec.columns;
  const ties = spec.tieBreaker.filter((c) => !sortSpec.columns.includes(c));
  return [...columns.map((c) => `${c} ${direction}`), ...ties.map((c) => `${c} ${direction}`)].join(', ');
}

/**
 * The SQL of one search, from whitelisted filter and sort fields only, within the caller's
 * scope. `null` when the scope shows nothing (the caller gets an empty page).
 * Fetches one row more than the page, to tell whether another page follows.
 */
export function compileSearch(request: SearchRequest, scope: Scope): CompiledSearch | null {
  if (scope === null) {
    return null;
  }
  const spec: CollectionSpec = COLLECTIONS[request.collection];
  const where: Statement[] = scope === undefined ? [] : [scope];
  for (const [name, filter] of Object.entries(spec.filters)) {
    const value = request.filters[name];
    if (value !== undefined && value !== '') {
      where.push(condition(filter, value));
    }
  }
  return {
    table: spec.table,
    where,
    orderBy: orderBy(spec, request.sort ?? spec.defaultSort),
    limit: request.limit + 1,
    offset: request.offset,
  };
}
