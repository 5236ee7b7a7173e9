import type { Caller } from './caller';
import { fail } from '@scf/kernel/errors';
import { type AccessRule, type AccessRules, accessRefusal } from '@scf/kernel/catalogue/access-rules';
import type { CatalogueContract, CatalogueTransaction } from '@scf/kernel/catalogue/catalogue';

/** The contract's rule per transaction name, from the catalogue: what beforeTransaction checks. */
export function accessRulesOf(contract: CatalogueContract): AccessRules {
  return Object.fromEntries(Object.values<CatalogueTransaction>(contract.transactions).map((tx) => [tx.name, tx.access]));
}

/** Throws NOT_REGISTERED, SUSPENDED or FORBIDDEN unless `caller` satisfies `rule` (the kernel's accessRefusal, which the audit shares). */
export function checkAccess(rule: AccessRule, caller: Caller, transaction: string): void {
  const refusal = accessRefusal(rule, caller, transaction);
  if (refusal) {
    fail(refusal.code, refusal.message);
  }
}
