import type { Role } from '../roles';

/**
 * Who may call a transaction. Every transaction of every contract has exactly one rule in the
 * catalogue; the chaincode refuses a transaction without one (deny by default) and checks the
 * rule before the transaction runs. Finer checks that depend on the data (only the debtor
 * confirms, only the line's bank approves) are made by the transaction itself.
 */
export type AccessRule =
  /** Any identity of a channel org, registered or not. */
  | { readonly kind: 'anyone' }
  /** An admin (OU=admin) of its own org. */
  | { readonly kind: 'org-admin' }
  /** Any registered participant, or an org admin: read-only queries. */
  | { readonly kind: 'member' }
  /** A registered participant holding one of these roles. */
  | { readonly kind: 'roles'; readonly roles: readonly Role[] };

export type AccessRules = Readonly<Record<string, AccessRule>>;

export const ANYONE: AccessRule = { kind: 'anyone' };
export const ORG_ADMIN: AccessRule = { kind: 'org-admin' };
export const MEMBER: AccessRule = { kind: 'member' };

export function roles(...allowed: Role[]): AccessRule {
  return { kind: 'roles', roles: allowed };
}

/** The rule as a reader would say it: "anyone", "org admins", "any registered member or org admin", "roles: bank, supplier". */
export function describeAccess(rule: AccessRule): string {
  switch (rule.kind) {
    case 'anyone':
      return 'anyone';
    case 'org-admin':
      return 'org admins';
    case 'member':
      return 'any registered member or org admin';
    case 'roles':
      return `roles: ${rule.roles.join(', ')}`;
  }
}
