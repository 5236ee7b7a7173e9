import type { FakeIdentity } from './fake-identity';
import { TestNetwork, type Outcome, type InvokeOptions } from './harness';
import { ID } from './identities';
import type { Role } from '@scf/kernel/roles';
import { leiFromLabel } from '@scf/kernel/legal-entity';
import type { Financing } from '@scf/kernel/records/financing';
import { approvalBinding, type FinancingApprovalDecision, type PledgeAcceptanceDecision } from '@scf/kernel/records/gate-decision';
import type { CommodityPrice, Pledge } from '@scf/kernel/records/warehouse';
import { BANK_A_RISK_KEY, BANK_B_RISK_KEY, publicKeyOf, signedDecisionJson } from '@scf/kernel/testing/risk-keys';
import { sha256Hex } from '@scf/kernel/canonical-json';
import { type CreditLineTerms, TRANCHES_PER_LINE } from '@scf/kernel/records/credit-line';
import { creditLineTermsHash, initialTrancheLimits } from '@scf/kernel/records/line-terms';
import { TransientKey } from '@scf/kernel/transient';

/** A line's private terms as a bank's gateway builds them (salt fixed per line id, for repeatable tests). */
export function lineTerms(
  lineId: string,
  limit: string,
  expiresOn = '2025-12-31',
  maxAdvanceRateBps = '8000',
  maxTenorDays = 180,
  graceDays = 10,
): CreditLineTerms {
  return {
    salt: sha256Hex(`test salt of ${lineId}`),
    limit,
    expiresOn,
    maxAdvanceRateBps,
    maxTenorDays,
    graceDays,
    trancheLimits: initialTrancheLimits(BigInt(limit), TRANCHES_PER_LINE),
  };
}

/** GrantCreditLine's arguments for a line on `coreId` committing to `terms`. */
export function grantArgs(lineId: string, coreId: string, terms: CreditLineTerms, currency = 'USD'): string[] {
  return [lineId, coreId, currency, creditLineTermsHash(terms)];
}

/** The transient map that carries a line's terms (RecordCreditLineTerms, ApproveFinancing). */
export function lineTermsTransient(terms: CreditLineTerms): Readonly<Record<string, string>> {
  return { [TransientKey.lineTerms]: JSON.stringify(terms) };
}

/** The transient map that carries a line's new limit (SetCreditLineLimit). */
export function limitTransient(limit: string): Readonly<Record<string, string>> {
  return { [TransientKey.limit]: limit };
}

/** Participant ids registered by `registeredNetwork`. */
export const P = {
  bankAOfficer: 'bankA-officer',
  bankAGateway: 'bankA-gateway',
  bankBOfficer: 'bankB-officer',
  bankBGateway: 'bankB-gateway',
  core: 'core1',
  supplier1: 'sup1',
  supplier2: 'sup2',
  supplier3: 'sup3',
  warehouse: 'wh1',
  auditor: 'auditor1',
  oracle: 'oracle1',
} as const;

const REGISTRATIONS: readonly [FakeIdentity, FakeIdentity, string, Role, string][] = [
  [ID.bankAAdmin, ID.bankAOfficer, P.bankAOfficer, 'bank', ''],
  [ID.bankAAdmin, ID.bankAGateway, P.bankAGateway, 'risk-gateway', ''],
  [ID.bankBAdmin, ID.bankBOfficer, P.bankBOfficer, 'bank', ''],
  [ID.bankBAdmin, ID.bankBGateway, P.bankBGateway, 'risk-gateway', ''],
  [ID.coreAdmin, ID.core, P.core, 'core-enterprise', ''],
  [ID.suppliersAdmin, ID.supplier1, P.supplier1, 'supplier', '1'],
  [ID.suppliersAdmin, ID.supplier2, P.supplier2, 'supplier', '2'],
  [ID.suppliersAdmin, ID.supplier3, P.supplier3, 'supplier', '3'],
  [ID.warehouseAdmin, ID.warehouse, P.warehouse, 'warehouse', ''],
  [ID.auditorAdmin, ID.auditor, P.auditor, 'auditor', ''],
  [ID.auditorAdmin, ID.oracle, P.oracle, 'price-oracle', ''],
];

/** The payload of a successful, valid submission (or evaluation), parsed; throws otherwise. */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the test names the shape it expects
export function ok<T = Record<string, unknown>>(outcome: Outcome & { validation?: string }): T {
  if (!outcome.ok) {
    throw new Error(`expected success, got ${outcome.raw}`);
  }
  if (outcome.validation !== undefined && outcome.validation !== 'VALID') {
    throw new Error(`committed as ${outcome.validation}`);
  }
  return JSON.parse(outcome.payload) as T;
}

export const ASSESSMENT = {
  decision: 'APPROVE',
  policyVersion: 'risk-2025.1',
  inputsHash: 'c'.repeat(64),
};

/** The private risk key each test bank registers for its risk gateway. */
export const RISK_KEY_OF: Readonly<Record<string, string>> = { BankAMSP: BANK_A_RISK_KEY, BankBMSP: BANK_B_RISK_KEY };

/** Far beyond every test clock: a decision that does not expire during a test. */
export const LIVE_UNTIL = '2099-12-31T00:00:00Z';

type Financed = Pick<Financing, 'id' | 'bankMsp' | 'receivableId' | 'lineId' | 'amount'>;

/** The approval decision a bank's risk gate would sign for `financing` and `assessment`. */
export function financingDecision(
  financing: Financed,
  assessment: { readonly policyVersion: string; readonly inputsHash: string } = ASSESSMENT,
  overrides: Partial<FinancingApprovalDecision> = {},
): FinancingApprovalDecision {
  return {
    kind: 'financing-approval',
    bankMsp: financing.bankMsp,
    ...approvalBinding(financing, assessment),
    expiresAt: LIVE_UNTIL,
    ...overrides,
  };
}

/**
 * ApproveFinancing's arguments: the financing, the assessment, the decision signed with its bank's
 * registered key, and the draw start (empty: slots hashed from the financing id).
 */
export function approvalArgs(financing: Financed, assessment: typeof ASSESSMENT | string = ASSESSMENT, drawStart = ''): string[] {
  const parsed = typeof assessment === 'string' ? (JSON.parse(assessment) as typeof ASSESSMENT) : assessment;
  const key = RISK_KEY_OF[financing.bankMsp] ?? BANK_A_RISK_KEY;
  return [financing.id, JSON.stringify(parsed), signedDecisionJson(financingDecision(financing, parsed), key), drawStart];
}

/** The pledge acceptance a bank's risk gate would sign for `pledge` on these terms at `price` (undefined: no price yet). */
export function pledgeDecision(
  pledge: Pick<Pledge, 'id' | 'bankMsp' | 'receiptId' | 'loanAmount'>,
  haircutBps: string,
  maintenanceRatioBps: string,
  price: Pick<CommodityPrice, 'setAt'> | undefined,
  overrides: Partial<PledgeAcceptanceDecision> = {},
): PledgeAcceptanceDecision {
  return {
    kind: 'pledge-acceptance',
    bankMsp: pledge.bankMsp,
    pledgeId: pledge.id,
    receiptId: pledge.receiptId,
    loanAmount: pledge.loanAmount,
    haircutBps,
    maintenanceRatioBps,
    priceSetAt: price?.setAt ?? '1970-01-01T00:00:00Z',
    policyVersion: ASSESSMENT.policyVersion,
    inputsHash: ASSESSMENT.inputsHash,
    expiresAt: LIVE_UNTIL,
    ...overrides,
  };
}

/** AcceptPledge's arguments: the terms and the decision for them signed with the pledge's bank's registered key. */
export function acceptanceArgs(
  pledge: Pick<Pledge, 'id' | 'bankMsp' | 'receiptId' | 'loanAmount'>,
  haircutBps: string,
  maintenanceRatioBps: string,
  price: Pick<CommodityPrice, 'setAt'> | undefined,
): string[] {
  const key = RISK_KEY_OF[pledge.bankMsp] ?? BANK_A_RISK_KEY;
  const decision = pledgeDecision(pledge, haircutBps, maintenanceRatioBps, price);
  return [pledge.id, haircutBps, maintenanceRatioBps, signedDecisionJson(decision, key)];
}

/** A network with every test identity registered, a consortium cap on core1 and a BankA line. */
export class World {
  constructor(readonly net: TestNetwork) {}

  static async registered(): Promise<World> {
    const world = new World(new TestNetwork());
    // What npm start does first: every org's admin gives its creation guard its policy, then heartbeats.
    for (const admin of [ID.bankAAdmin, ID.bankBAdmin, ID.coreAdmin, ID.suppliersAdmin, ID.warehouseAdmin, ID.auditorAdmin]) {
      ok(await world.net.submit(admin, 'scf.system:ProtectCreationGuard', []));
      ok(await world.net.submit(admin, 'scf.system:Heartbeat', ['startup']));
    }
    for (const [admin, who, id, role, tier] of REGISTRATIONS) {
      ok(
        await world.net.submit(admin, 'scf.participant:RegisterParticipant', [id, who.getID(), `${id} Ltd`, role, tier, leiFromLabel(id)]),
      );
    }
    ok(await world.net.submit(ID.bankAAdmin, 'scf.participant:RegisterRiskKey', [publicKeyOf(BANK_A_RISK_KEY)]));
    ok(await world.net.submit(ID.bankBAdmin, 'scf.participant:RegisterRiskKey', [publicKeyOf(BANK_B_RISK_KEY)]));
    return world;
  }

  /** Registered, plus cap 50 000 000 on core1 (USD), BankA line1 limit 10 000 000, BankB line2 limit 10 000 000. */
  static async withLines(): Promise<World> {
    const world = await World.registered();
    await world.submitOk(ID.auditor, 'scf.creditline:SetConsortiumCap', [P.core, 'USD', '50000000']);
    await world.grantLine(ID.bankAOfficer, lineTerms('line1', '10000000', '2025-12-31', '8000', 180, 10), 'line1');
    await world.grantLine(ID.bankBOfficer, lineTerms('line2', '10000000', '2025-12-31', '9000', 120, 5), 'line2');
    return world;
  }

  /** What the bank's gateway does to grant a line: GrantCreditLine (the commitment), then RecordCreditLineTerms (the terms, privately). */
  async grantLine(who: FakeIdentity, terms: CreditLineTerms, lineId: string, coreId: string = P.core, currency = 'USD'): Promise<void> {
    await this.submitOk(who, 'scf.creditline:GrantCreditLine', grantArgs(lineId, coreId, terms, currency));
    await this.submitOk(who, 'scf.creditline:RecordCreditLineTerms', [lineId], { transient: lineTermsTransient(terms) });
  }

  /** SetCreditLineLimit as the bank's gateway sends it: the new limit in the transient map. */
  setLimit(who: FakeIdentity, lineId: string, limit: string): ReturnType<TestNetwork['submit']> {
    return this.net.submit(who, 'scf.creditline:SetCreditLineLimit', [lineId], { transient: limitTransient(limit) });
  }

  submit(who: FakeIdentity, fcn: string, args: readonly string[], options?: InvokeOptions): ReturnType<TestNetwork['submit']> {
    return this.net.submit(who, fcn, args, options);
  }

  async submitOk<T = Record<string, unknown>>(
    who: FakeIdentity,
    fcn: string,
    args: readonly string[],
    options?: InvokeOptions,
  ): Promise<T> {
    return ok<T>(await this.net.submit(who, fcn, args, options));
  }

  async evaluateOk<T = Record<string, unknown>>(
    who: FakeIdentity,
    fcn: string,
    args: readonly string[],
    options?: InvokeOptions,
  ): Promise<T> {
    return ok<T>(await this.net.evaluate(who, fcn, args, options));
  }

  /** Supplier 1 issues `id` on core1 (due 2025-04-01) and core1 confirms it. */
  async confirmedReceivable(id: string, amount = '1000000', invoice = `INV-${id}`): Promise<void> {
    await this.submitOk(ID.supplier1, 'scf.receivable:IssueReceivable', [id, P.core, invoice, 'USD', amount, '2025-01-05', '2025-04-01']);
    await this.submitOk(ID.core, 'scf.receivable:ConfirmReceivable', [id]);
  }

  /** Confirmed receivable financed by BankA on line1 for `amount`. */
  async financedReceivable(receivableId: string, financingId: string, amount = '800000'): Promise<void> {
    await this.confirmedReceivable(receivableId);
    await this.submitOk(ID.supplier1, 'scf.financing:RequestFinancing', [financingId, receivableId, 'line1', amount]);
    await this.submitOk(ID.bankAGateway, 'scf.financing:ApproveFinancing', await this.approveArgs(financingId));
  }

  /** AcceptPledge's arguments for the pledge and price as the ledger has them, the decision signed with its bank's key. */
  async acceptArgs(pledgeId: string, haircutBps: string, maintenanceRatioBps: string): Promise<string[]> {
    const pledge = await this.evaluateOk<Pledge>(ID.auditor, 'scf.warehouse:GetPledge', [pledgeId]);
    const price = await this.net.evaluate(ID.auditor, 'scf.warehouse:GetPrice', [pledge.commodity, pledge.grade, pledge.unit]);
    return acceptanceArgs(pledge, haircutBps, maintenanceRatioBps, price.ok ? (JSON.parse(price.payload) as CommodityPrice) : undefined);
  }

  /** ApproveFinancing's arguments for the financing as the ledger has it, the decision signed with its bank's key. */
  async approveArgs(financingId: string, assessment: typeof ASSESSMENT | string = ASSESSMENT, drawStart = ''): Promise<string[]> {
    const financing = await this.evaluateOk<Financing>(ID.auditor, 'scf.financing:GetFinancing', [financingId]);
    return approvalArgs(financing, assessment, drawStart);
  }
}
