import { createHash } from 'node:crypto';

/**
 * Opaque page cursors: the offset of the next page, bound to the query it belongs to (a cursor
 * from another query, or tampered with, is refused rather than silently mixing pages).
 */
export function queryFingerprint(parts: unknown): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 16);
}

export function encodeCursor(offset: number, fingerprint: string): string {
  return Buffer.from(JSON.stringify({ o: offset, q: fingerprint })).toString('base64url');
}

/** The offset a cursor points at, or undefined when it is not a cursor of this query. */
export function decodeCursor(cursor: string, fingerprint: string): number | undefined {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (typeof parsed === 'object' && parsed !== null && 'o' in parsed && 'q' in parsed) {
      const { o, q } = parsed;
      if (typeof o === 'number' && Number.isSafeInteger(o) && o >= 0 && q === fingerprint) {
        return o;
      }
    }
  } catch {
    // not JSON: not ours
  }
  return undefined;
}
