import { describeAccess } from './access-rules';
import { type CatalogueContract, type CatalogueTransaction, catalogue } from './catalogue';

const cell = (text: string): string => text.replace(/\|/g, '\\|');

/** One contract's transactions as a Markdown table: kind, arguments, who may call (from its access rule) and what it does. */
export function contractTable(contract: CatalogueContract): string {
  const rows = Object.values<CatalogueTransaction>(contract.transactions).map((t) =>
    [`\`${t.name}\``, t.kind, t.args.length === 0 ? '–' : t.args.join(', '), describeAccess(t.access), cell(t.description)].join(' | '),
  );
  return [
    '| Transaction | Kind | Args | Who may call | What it does |',
    '| --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r} |`),
  ].join('\n');
}

const begin = (name: string): string => `<!-- catalogue:${name} (generated from kernel/src/catalogue; npm run docs:catalogue) -->`;
const end = (name: string): string => `<!-- /catalogue:${name} -->`;

/**
 * `text` with the table between each contract's markers replaced by the one the catalogue gives:
 * how a README keeps its access tables equal to the catalogue. Throws when a contract's markers
 * are missing, so a new contract cannot be left out.
 */
export function withCatalogueTables(text: string): string {
  let result = text;
  for (const contract of Object.values<CatalogueContract>(catalogue)) {
    const from = result.indexOf(begin(contract.name));
    const to = result.indexOf(end(contract.name));
    if (from < 0 || to < from) {
      throw new Error(`no ${begin(contract.name)} … ${end(contract.name)} section`);
    }
    result = `${result.slice(0, from)}${begin(contract.name)}\n${contractTable(contract)}\n${result.slice(to)}`;
  }
  return result;
}
