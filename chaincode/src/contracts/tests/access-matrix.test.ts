import type { AccessRule } from '@scf/kernel/catalogue/access-rules';
import { TestNetwork } from '../../testing/harness';
import { CALLERS, callerOf, type CallerKind, matrixWorld, SCENARIOS } from '../../testing/scenarios';
import { declaredTransactions } from '../../testing/transactions';
import type { World } from '../../testing/world';

const KINDS = Object.keys(CALLERS) as CallerKind[];
const TRANSACTIONS = declaredTransactions(new TestNetwork());

const BANK_A: readonly CallerKind[] = ['bank', 'risk-gateway'];
const RECEIVABLE_PARTIES: readonly CallerKind[] = ['supplier', 'core-enterprise', 'auditor'];

/**
 * The reads whose scenario record only some callers may read (kernel/src/visibility.ts): every
 * other caller the access rule lets in is refused FORBIDDEN. The scenarios' records belong to the
 * supplier (holder, borrower, owner), the core enterprise (debtor, line) and BankA.
 */
const READERS: Readonly<Record<string, readonly CallerKind[]>> = {
  'scf.creditline:GetCreditLine': [...BANK_A, 'core-enterprise', 'auditor'],
  'scf.creditline:GetCreditLineHistory': [...BANK_A, 'core-enterprise', 'auditor'],
  'scf.receivable:GetDilutionRequest': RECEIVABLE_PARTIES,
  'scf.receivable:ListDilutionRequests': RECEIVABLE_PARTIES,
  'scf.receivable:GetReceivable': RECEIVABLE_PARTIES,
  'scf.receivable:GetReceivableHistory': RECEIVABLE_PARTIES,
  'scf.receivable:ListDilutions': RECEIVABLE_PARTIES,
  'scf.financing:GetFinancing': [...BANK_A, 'supplier', 'auditor'],
  'scf.financing:GetFinancingHistory': [...BANK_A, 'supplier', 'auditor'],
  'scf.financing:GetApprovalContext': [...BANK_A, 'auditor'],
  'scf.repayment:GetPayment': [...RECEIVABLE_PARTIES, ...BANK_A],
  'scf.repayment:GetPaymentHistory': [...RECEIVABLE_PARTIES, ...BANK_A],
  'scf.repayment:ListPaymentsByReceivable': [...RECEIVABLE_PARTIES, ...BANK_A],
  'scf.warehouse:GetReceipt': ['supplier', 'warehouse', 'auditor'],
  'scf.warehouse:GetReceiptHistory': ['supplier', 'warehouse', 'auditor'],
  'scf.warehouse:GetPledge': [...BANK_A, 'supplier', 'auditor'],
  'scf.warehouse:GetPledgeHistory': [...BANK_A, 'supplier', 'auditor'],
};

/** What the access rule, then the visibility table, say must happen for a kind of caller: 'OK' or the refusal code. */
function expected(rule: AccessRule, kind: CallerKind, fcn: string): string {
  const byRule = expectedByRule(rule, kind);
  const readers = READERS[fcn];
  return byRule === 'OK' && readers !== undefined && !readers.includes(kind) ? 'FORBIDDEN' : byRule;
}

function expectedByRule(rule: AccessRule, kind: CallerKind): string {
  if (kind === 'suspended') {
    return 'SUSPENDED';
  }
  switch (rule.kind) {
    case 'anyone':
      return 'OK';
    case 'org-admin':
      return kind === 'org-admin' ? 'OK' : 'FORBIDDEN';
    case 'member':
      return kind === 'unregistered' ? 'NOT_REGISTERED' : 'OK';
    case 'roles':
      if ((rule.roles as readonly string[]).includes(kind)) {
        return 'OK';
      }
      return kind === 'org-admin' || kind === 'unregistered' ? 'NOT_REGISTERED' : 'FORBIDDEN';
  }
}

describe('access matrix: every transaction × every kind of caller', () => {
  let world: World;

  beforeAll(async () => {
    world = await matrixWorld();
  }, 30_000);

  it('covers every declared transaction with an access rule and a scenario, and nothing else', () => {
    expect(TRANSACTIONS.length).toBeGreaterThan(60);
    expect(TRANSACTIONS.filter((tx) => tx.rule === undefined).map((tx) => tx.fcn)).toEqual([]);
    expect(TRANSACTIONS.map((tx) => tx.fcn).sort()).toEqual(Object.keys(SCENARIOS).sort());
    for (const name of TRANSACTIONS.map((tx) => tx.contract)) {
      const rules = Object.keys(new TestNetwork().contract(name).accessRules());
      expect(rules.sort()).toEqual(
        TRANSACTIONS.filter((tx) => tx.contract === name)
          .map((tx) => tx.name)
          .sort(),
      );
    }
  });

  it('the rules are the reviewed ones (update the snapshot only on purpose)', () => {
    const summary = Object.fromEntries(
      TRANSACTIONS.map((tx) => [tx.fcn, tx.rule?.kind === 'roles' ? tx.rule.roles.join(',') : (tx.rule?.kind ?? 'NONE')]),
    );
    expect(summary).toMatchSnapshot();
  });

  it.each(TRANSACTIONS.map((tx) => [tx.fcn, tx] as const))('%s', async (_fcn, tx) => {
    const rule = tx.rule as AccessRule;
    const results: Record<string, string> = {};
    const wanted: Record<string, string> = {};
    for (const kind of KINDS) {
      wanted[kind] = expected(rule, kind, tx.fcn);
      const call = SCENARIOS[tx.fcn]?.(kind) ?? { args: [] };
      const net = wanted[kind] === 'OK' ? world.net.fork() : world.net;
      const outcome =
        tx.submit && wanted[kind] === 'OK'
          ? await net.submit(callerOf(kind, call), tx.fcn, call.args, call)
          : await net.simulate(callerOf(kind, call), tx.fcn, call.args, call);
      results[kind] = outcome.ok
        ? 'validation' in outcome && outcome.validation !== 'VALID'
          ? String(outcome.validation)
          : 'OK'
        : outcome.code;
    }
    expect(results).toEqual(wanted);
  });
});
