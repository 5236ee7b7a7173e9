/** "Who may call what" is written once, in the contract catalogue: route docs name transactions through it. */
import fs from 'node:fs';
import path from 'node:path';
import { tx } from '@scf/kernel/catalogue/catalogue';
import { ledgerDescription } from '../schemas/common';

const routeSources = fs
  .readdirSync(__dirname)
  .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
  .map((name) => ({ name, text: fs.readFileSync(path.join(__dirname, name), 'utf8') }));

/** String literals only (quoted text), not the doc comments that explain a module. */
function stringLiterals(text: string): string[] {
  return [...text.matchAll(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"/g)].map((match) => match[0]);
}

describe('route docs', () => {
  it('finds the route modules', () => {
    expect(routeSources.map((source) => source.name)).toEqual(expect.arrayContaining(['receivables.ts', 'financings.ts', 'risk.ts']));
  });

  it.each(routeSources)('$name names no contract or transaction by hand and restates no role rule', ({ text }) => {
    const literals = stringLiterals(text);
    expect(literals.filter((literal) => /scf\.[a-z]+:/.test(literal))).toEqual([]);
    expect(literals.filter((literal) => /\bRole: /.test(literal))).toEqual([]);
  });

  it('appends each ledger transaction with its access rule from the catalogue', () => {
    expect(ledgerDescription('Only the holder.', [tx.receivable.SplitReceivable])).toBe(
      'Only the holder. Ledger: scf.receivable:SplitReceivable (roles: supplier).',
    );
    expect(ledgerDescription(undefined, [tx.receivable.GetReceivable, tx.participant.RegisterParticipant])).toBe(
      'Ledger: scf.receivable:GetReceivable (any registered member or org admin); scf.participant:RegisterParticipant (org admins).',
    );
    expect(ledgerDescription('No ledger call.')).toBe('No ledger call.');
    expect(ledgerDescription(undefined)).toBeUndefined();
  });
});
