/** Unit tests: the error table in gateway/README.md says what HTTP_STATUS_OF_CODE says, row for row. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HTTP_STATUS_OF_CODE } from './error-table';

const README = join(__dirname, '..', '..', 'README.md');

/**
 * Code → status from the Markdown table under `## Errors` whose header is `| status | code | when |`:
 * every backticked code in a row's code cell is answered with that row's status.
 */
function documentedStatuses(markdown: string): Map<string, number[]> {
  const section = markdown.split(/^## /m).find((part) => part.startsWith('Errors\n')) ?? '';
  const rows = section
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .map((line) => line.split('|').map((cell) => cell.trim()));
  const statuses = new Map<string, number[]>();
  for (const [, status, codes] of rows) {
    if (status === undefined || codes === undefined || !/^\d{3}$/.test(status)) {
      continue; // the header and its --- line
    }
    for (const [, code] of codes.matchAll(/`([A-Z_]+)`/g)) {
      if (code !== undefined) {
        statuses.set(code, [...(statuses.get(code) ?? []), Number(status)]);
      }
    }
  }
  return statuses;
}

/** The rows by which `documented` differs from `table`, one line each; none when they agree. */
function tableDifferences(table: Readonly<Record<string, number>>, documented: ReadonlyMap<string, readonly number[]>): string[] {
  const differences: string[] = [];
  for (const [code, status] of Object.entries(table)) {
    const rows = documented.get(code);
    if (rows === undefined) {
      differences.push(`missing: ${code} → ${String(status)}`);
    } else if (rows.length !== 1 || rows[0] !== status) {
      differences.push(`different: ${code} is ${String(status)} in the code, ${rows.join(' and ')} in the README`);
    }
  }
  for (const [code, rows] of documented) {
    if (!(code in table)) {
      differences.push(`extra: ${code} → ${rows.join(' and ')} is not a code`);
    }
  }
  return differences;
}

describe('the README error table', () => {
  it('lists every code with the status HTTP_STATUS_OF_CODE gives it, and nothing else', () => {
    expect(tableDifferences(HTTP_STATUS_OF_CODE, documentedStatuses(readFileSync(README, 'utf8')))).toEqual([]);
  });
});

describe('the comparison itself', () => {
  const markdown = [
    '## Errors',
    '| status | code | when |',
    '|---|---|---|',
    '| 400 | `INVALID_ARGUMENT` | bad input |',
    '| 404 | `NOT_FOUND` / `ROUTE_NOT_FOUND` | nothing there |',
    '| 409 | `NOT_FOUND`, `TEAPOT` | twice, and not a code |',
    '',
    '## Idempotency',
    '| 500 | `INTERNAL` | another section: not read |',
  ].join('\n');

  it('reads every code of every row of the Errors section only', () => {
    expect([...documentedStatuses(markdown)]).toEqual([
      ['INVALID_ARGUMENT', [400]],
      ['NOT_FOUND', [404, 409]],
      ['ROUTE_NOT_FOUND', [404]],
      ['TEAPOT', [409]],
    ]);
  });

  it('names missing, different and extra rows', () => {
    const table = { INVALID_ARGUMENT: 400, NOT_FOUND: 404, ROUTE_NOT_FOUND: 410, INTERNAL: 500 };
    expect(tableDifferences(table, documentedStatuses(markdown))).toEqual([
      'different: NOT_FOUND is 404 in the code, 404 and 409 in the README',
      'different: ROUTE_NOT_FOUND is 410 in the code, 404 in the README',
      'missing: INTERNAL → 500',
      'extra: TEAPOT → 409 is not a code',
    ]);
  });
});
