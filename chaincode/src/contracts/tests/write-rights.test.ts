import { fcn } from '@scf/kernel/catalogue/catalogue';
import { WRITE_RIGHTS } from '@scf/kernel/catalogue/write-rights';
import { TestNetwork } from '../../testing/harness';
import { ID } from '../../testing/identities';
import { CALLERS, callerOf, type CallerKind, matrixWorld, SCENARIOS } from '../../testing/scenarios';
import { declaredTransactions } from '../../testing/transactions';
import { writePairs, writeRightViolations } from '../../testing/write-rights';
import { P, World } from '../../testing/world';
import { type AccessRule, accessRefusal } from '@scf/kernel/catalogue/access-rules';

const KINDS = Object.keys(CALLERS) as CallerKind[];
const SUBMITTED = declaredTransactions(new TestNetwork()).filter((t) => t.submit);

/**
 * The kernel's write-rights table (what the audit holds every committed write against) must
 * allow every write the real contracts make. Every submitted transaction is committed once per
 * kind of caller its rule admits, on the matrix world (the ledger property test checks its
 * random sequences the same way); a write the table lacks fails here, listed as
 * "transaction → key class".
 */
describe('the write-rights table against what the contracts write', () => {
  const seen = new Set<string>();
  const committed = new Set<string>();

  const see = (ledger: World['net']['ledger']): void => {
    for (const pair of writePairs(ledger)) {
      seen.add(pair);
    }
  };

  beforeAll(async () => {
    const world = await matrixWorld();
    see(world.net.ledger);
    for (const t of SUBMITTED) {
      for (const kind of KINDS.filter((k) => admits(t.rule, k, t.name))) {
        const net = world.net.fork();
        const call = SCENARIOS[t.fcn]?.(kind) ?? { args: [] };
        const outcome = await net.submit(callerOf(kind, call), t.fcn, call.args, call);
        if (outcome.ok && outcome.validation === 'VALID') {
          committed.add(t.fcn);
        }
        see(net.ledger);
      }
    }
    // Writes the matrix does not reach: a credit note on a financed receivable rechecks (and rewrites) its financing.
    const financed = await World.withLines();
    await financed.financedReceivable('r-d', 'f-d', '800000');
    await financed.submitOk(ID.supplier1, 'scf.receivable:RecordDilution', ['r-d', 'd-1', 'CREDIT_NOTE', '10', 'CN-1']);
    // So does the holder's acceptance of the debtor's credit note.
    await financed.submitOk(ID.core, 'scf.receivable:RequestDilution', ['r-d', 'd-2', 'CREDIT_NOTE', '10', 'CN-2', '2025-03-01T00:00:00Z']);
    await financed.submitOk(ID.supplier1, 'scf.receivable:AcceptDilution', ['r-d', 'd-2']);
    // Long past due, a delinquency defaults the financing.
    financed.net.advanceDays(200);
    await financed.submitOk(ID.auditor, 'scf.repayment:MarkDelinquency', ['r-d']);
    see(financed.net.ledger);
    // A price crash puts the live pledges under margin call.
    await world.submitOk(ID.oracle, 'scf.warehouse:SetPrice', ['COPPER', 'A', 'KG', 'USD', '1']);
    see(world.net.ledger);
  }, 60_000);

  it('committed every submitted transaction at least once', () => {
    expect(SUBMITTED.map((t) => t.fcn).filter((name) => !committed.has(name))).toEqual([]);
  });

  it('allows every write a transaction made (missing: transaction → key class)', () => {
    expect(writeRightViolations(seen)).toEqual([]);
  });

  it('grants no right the contracts never used (each one is exercised)', () => {
    const granted = Object.entries(WRITE_RIGHTS).flatMap(([type, writers]) => writers.map((w) => `${fcn(w)} → ${type}`));
    expect(granted.filter((pair) => !seen.has(pair)).sort()).toEqual([]);
  });

  it('notices a write the table does not allow', () => {
    expect(writeRightViolations(['scf.system:Heartbeat → scf.financing', 'scf.system:Heartbeat → scf.heartbeat'])).toEqual([
      'scf.system:Heartbeat → scf.financing',
    ]);
    expect(
      writeRightViolations([
        'scf.financing:RecordTerms → private collection terms_BankAMSP_SuppliersMSP',
        'scf.financing:ApproveFinancing → private collection terms_BankAMSP_SuppliersMSP',
      ]),
    ).toEqual(['scf.financing:ApproveFinancing → private collection terms_BankAMSP_SuppliersMSP']);
  });

  it('saw the private terms written, so the private write rights are held against the contracts too', () => {
    expect([...seen].filter((pair) => pair.includes(' → private collection ')).length).toBeGreaterThan(0);
  });
});

/** Whether the access rule admits the kind of caller. */
function admits(rule: AccessRule | undefined, kind: CallerKind, name: string): boolean {
  return rule !== undefined && accessRefusal(rule, { isAdmin: kind === 'org-admin', participant: participantOf(kind) }, name) === undefined;
}

/** A stand-in participant of the kind of caller, for the access rule only. */
function participantOf(kind: CallerKind) {
  switch (kind) {
    case 'org-admin':
    case 'unregistered':
      return undefined;
    case 'suspended':
      return { id: 'sup-suspended', role: 'supplier', status: 'SUSPENDED' } as const;
    default:
      return { id: P.supplier1, role: kind, status: 'ACTIVE' } as const;
  }
}
