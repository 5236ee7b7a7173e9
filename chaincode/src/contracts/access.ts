import type { Caller } from './caller';
import { ErrorCode, fail } from '@scf/kernel/errors';
import type { AccessRule, AccessRules } from '@scf/kernel/catalogue/access-rules';
import type { CatalogueContract, CatalogueTransaction } from '@scf/kernel/catalogue/catalogue';

/** The contract's rule per transaction name, from the catalogue: what beforeTransaction checks. */
export function accessRulesOf(contract: CatalogueContract): AccessRules {
  return Object.fromEntries(Object.values<CatalogueTransaction>(contract.transactions).map((tx) => [tx.name, tx.access]));
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
