import type { Caller } from './caller';
import { ErrorCode, fail } from '@scf/kernel/errors';
import type { Role } from '@scf/kernel/roles';

/**
 * Who may call a transaction. Every transaction of every contract has exactly one rule in
 * its contract's table; a transaction without a rule is refused (deny by default). The
 * access-matrix test iterates these tables. Finer checks that depend on the data (only the
 * debtor confirms, only the line's bank approves) are made by the transaction itself.
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

/** Throws NOT_REGISTERED, SUSPENDED or FORBIDDEN unless `caller` satisfies `rule`. */
export function checkAccess(rule: AccessRule, caller: Caller, transaction: string): void {
  const participant = caller.participant;
  if (participant?.status === 'SUSPENDED') {
    fail(ErrorCode.SUSPENDED, `participant ${participant.id} is suspended`);
  }
  switch (rule.kind) {
    case 'anyone':
      return;
    case 'org-admin':
      if (!caller.isAdmin) {
        fail(ErrorCode.FORBIDDEN, `${transaction} requires an org admin`);
      }
      return;
    case 'member':
      if (!caller.isAdmin && participant === undefined) {
        fail(ErrorCode.NOT_REGISTERED, 'the caller is not a registered participant');
      }
      return;
    case 'roles':
      if (participant === undefined) {
        fail(ErrorCode.NOT_REGISTERED, 'the caller is not a registered participant');
      }
      if (!rule.roles.includes(participant.role)) {
        fail(ErrorCode.FORBIDDEN, `${transaction} is for ${rule.roles.join(', ')}, not ${participant.role}`);
      }
      return;
  }
}
