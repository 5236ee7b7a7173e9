import { createHash } from 'crypto';
import { ErrorCode, fail } from './errors';

/**
 * Canonical JSON: object keys sorted recursively, no whitespace, undefined members
 * dropped, numbers restricted to safe integers. Equal values always give equal bytes, which
 * the ledger codec, fingerprints, and private-term hashes all depend on.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(normalise(value, '$'));
}

function normalise(value: unknown, path: string): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') {
    return value;
  }
  if (typeof value === 'number') {
    return Number.isSafeInteger(value) ? value : fail(ErrorCode.INVALID_ARGUMENT, `${path} must be a safe integer`);
  }
  if (Array.isArray(value)) {
    return value.map((item: unknown, i) => normalise(item === undefined ? null : item, `${path}[${i}]`));
  }
  if (typeof value === 'object') {
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const member: unknown = (value as Record<string, unknown>)[key];
      if (member !== undefined) {
        sorted[key] = normalise(member, `${path}.${key}`);
      }
    }
    return sorted;
  }
  return fail(ErrorCode.INVALID_ARGUMENT, `${path} has a type JSON cannot hold`);
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Parses JSON text without ever echoing it: Node's own messages quote the input, which may be private. */
export function parseJsonQuietly(text: string, field: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return fail(ErrorCode.INVALID_ARGUMENT, `${field} is not valid JSON`);
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
