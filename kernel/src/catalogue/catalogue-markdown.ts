import { describeAccess } from './access-rules';
import { ROLE_HOME_ORGS, ROLES } from '../roles';
import { allTransactions, type CatalogueContract, type CatalogueTransaction, catalogue } from './catalogue';

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

const ROLES_SECTION = 'roles';

/**
 * Per role: the orgs that may host it and the ledger transactions that name it in their access
 * rule (the role-gated writes and reads; every registered member may also call the MEMBER reads).
 */
export function rolesTable(): string {
  const rows = ROLES.map((role) => {
    const transactions = allTransactions()
      .filter((t) => t.access.kind === 'roles' && t.access.roles.includes(role))
      .map((t) => `\`${t.contract.replace(/^scf\./, '')}:${t.name}\``);
    return `| ${role} | ${ROLE_HOME_ORGS[role].join(', ')} | ${transactions.join(', ')} |`;
  });
  return ['| Role | Orgs | Transactions its access rule names |', '| --- | --- | --- |', ...rows].join('\n');
}

/** `text` with the table between the roles markers replaced by rolesTable(); throws when they are missing. */
export function withRolesTable(text: string): string {
  const from = text.indexOf(begin(ROLES_SECTION));
  const to = text.indexOf(end(ROLES_SECTION));
  if (from < 0 || to < from) {
    throw new Error(`no ${begin(ROLES_SECTION)} … ${end(ROLES_SECTION)} section`);
  }
  return `${text.slice(0, from)}${begin(ROLES_SECTION)}\n${rolesTable()}\n${text.slice(to)}`;
}
