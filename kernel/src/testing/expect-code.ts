import { ScfError } from '../errors';

/** The ScfError code `fn` throws, 'NO_ERROR' if it returns, 'NOT_SCF_ERROR' for anything else. */
export function codeOf(fn: () => unknown): string {
  try {
    fn();
    return 'NO_ERROR';
  } catch (error) {
    return error instanceof ScfError ? error.code : 'NOT_SCF_ERROR';
  }
}

export async function asyncCodeOf(fn: () => Promise<unknown>): Promise<string> {
  try {
    await fn();
    return 'NO_ERROR';
  } catch (error) {
    return error instanceof ScfError ? error.code : 'NOT_SCF_ERROR';
  }
}
