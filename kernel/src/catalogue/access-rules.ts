import { ErrorCode } from '../errors';
import type { Participant } from '../records/participant';
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

/** What an access rule is judged on: the caller's certificate (admin or not) and its participant record, if registered. */
export interface AccessSubject {
  readonly isAdmin: boolean;
  readonly participant?: Pick<Participant, 'id' | 'role' | 'status'>;
}

export interface AccessRefusal {
  readonly code: typeof ErrorCode.SUSPENDED | typeof ErrorCode.NOT_REGISTERED | typeof ErrorCode.FORBIDDEN;
  readonly message: string;
}

/**
 * Why `subject` may not call `transaction` under `rule`, or undefined if it may. The chaincode
 * refuses a proposal with this before the transaction runs; the audit re-judges every committed
 * transaction's creator with it against the participants as of that block. A suspended
 * participant may do nothing, whatever the rule.
 */
export function accessRefusal(rule: AccessRule, subject: AccessSubject, transaction: string): AccessRefusal | undefined {
  const participant = subject.participant;
  if (participant?.status === 'SUSPENDED') {
    return { code: ErrorCode.SUSPENDED, message: `participant ${participant.id} is suspended` };
  }
  switch (rule.kind) {
    case 'anyone':
      return undefined;
    case 'org-admin':
      return subject.isAdmin ? undefined : { code: ErrorCode.FORBIDDEN, message: `${transaction} requires an org admin` };
    case 'member':
      return subject.isAdmin || participant !== undefined
        ? undefined
        : { code: ErrorCode.NOT_REGISTERED, message: 'the caller is not a registered participant' };
    case 'roles':
      if (participant === undefined) {
        return { code: ErrorCode.NOT_REGISTERED, message: 'the caller is not a registered participant' };
      }
      return rule.roles.includes(participant.role)
        ? undefined
        : { code: ErrorCode.FORBIDDEN, message: `${transaction} is for ${rule.roles.join(', ')}, not ${participant.role}` };
  }
}
