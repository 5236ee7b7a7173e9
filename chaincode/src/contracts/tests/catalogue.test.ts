import '../../testing/quiet-logs';
import 'reflect-metadata';
import { contracts } from '../..';
import type { ScfContract } from '../scf-contract';
import { type CatalogueTransaction, catalogue } from '@scf/kernel/catalogue/catalogue';

/** What fabric-contract-api recorded for one @Transaction method (annotations/transaction.js). */
interface DeclaredTransaction {
  readonly name: string;
  readonly tag: readonly string[];
  readonly parameters?: readonly { readonly name: string }[];
}

/** The parameter names of a method as written in its source, the context (`ctx`) left out. */
function parameterNames(method: unknown): string[] {
  if (typeof method !== 'function') {
    throw new Error('not a method');
  }
  const source = method.toString();
  const list = source.slice(source.indexOf('(') + 1, source.indexOf(')'));
  const names = list
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  return names[0] === 'ctx' ? names.slice(1) : names;
}

/** Kind, argument names and access of one transaction, the same way for the code and the catalogue. */
function shape(kind: string, args: readonly string[]): string {
  return `${kind}(${args.join(', ')})`;
}

const served = contracts.map((Contract) => new Contract() as ScfContract);

describe('the chaincode serves exactly the contract catalogue', () => {
  it('serves every catalogue contract under its name, and no other', () => {
    expect(served.map((c) => c.getName()).sort()).toEqual(
      Object.values(catalogue)
        .map((c) => c.name)
        .sort(),
    );
  });

  it.each(served.map((c) => [c.getName(), c] as const))(
    '%s: every @Transaction is in the catalogue, same kind and arguments',
    (name, contract) => {
      const entry = Object.values(catalogue).find((c) => c.name === name);
      const declared = (Reflect.getMetadata('fabric:transactions', contract) ?? []) as DeclaredTransaction[];
      const catalogued = Object.values<CatalogueTransaction>(entry?.transactions ?? {});
      expect(declared.length).toBeGreaterThan(0);

      const fromCode = Object.fromEntries(
        declared.map((tx) => {
          const kind = tx.tag.includes('SUBMIT') ? 'submit' : 'evaluate';
          const recorded = (tx.parameters ?? []).map((p) => p.name);
          // What fabric-contract-api recorded is what the method's source says.
          expect([tx.name, recorded]).toEqual([tx.name, parameterNames((contract as unknown as Record<string, unknown>)[tx.name])]);
          return [tx.name, shape(kind, recorded)];
        }),
      );
      const fromCatalogue = Object.fromEntries(catalogued.map((tx) => [tx.name, shape(tx.kind, tx.args)]));
      expect(fromCode).toEqual(fromCatalogue);
    },
  );

  it('checks each transaction against its catalogue rule', () => {
    for (const contract of served) {
      const entry = Object.values(catalogue).find((c) => c.name === contract.getName());
      const rules = Object.fromEntries(Object.values<CatalogueTransaction>(entry?.transactions ?? {}).map((tx) => [tx.name, tx.access]));
      expect(contract.accessRules()).toEqual(rules);
    }
  });
});
