import { leiFromLabel } from '@scf/kernel/legal-entity';
import { withContract } from './fabric';
import { evaluateAs, invoiceTerms, grantLineAs, lineTerms, runCurrency, submitAs } from './ledger';
import { call, catalogue, tx } from '@scf/kernel/catalogue/catalogue';
import type { DilutionRequest } from '@scf/kernel/records/dilution';
import type { Financing } from '@scf/kernel/records/financing';
import type { Participant } from '@scf/kernel/records/participant';
import type { Payment } from '@scf/kernel/records/payment';
import type { Receivable } from '@scf/kernel/records/receivable';
import type { CommodityPrice, Pledge, WarehouseReceipt } from '@scf/kernel/records/warehouse';
import type { ConsortiumCap, CreditLine } from '@scf/kernel/records/credit-line';
import { acceptanceCall, approvalCall } from './decisions';

/**
 * The records the rogue endorsers forge against, made by the real chaincode through the demo
 * participants (as ledger-lifecycle.test.ts does), so each carries whatever key-level policies the
 * real chaincode sets. Ids are unique to the run; the cap uses a currency of its own so no forged
 * write touches what other tests read.
 */
export interface Targets {
  readonly id: string;
  readonly currency: string;
  readonly cap: ConsortiumCap;
  readonly line: CreditLine;
  /** Issued, not confirmed. */
  readonly issued: Receivable;
  /** Confirmed, with one dilution. */
  readonly confirmed: Receivable;
  readonly dilutionId: string;
  /** The debtor's PENDING dilution request on `confirmed` (owners: debtor's and holder's orgs), with its pending index key. */
  readonly dilutionRequest: DilutionRequest;
  /** Confirmed and encumbered by `financing` (ACTIVE, BankA, borrower supplier-1); terms recorded. */
  readonly encumbered: Receivable;
  readonly financing: Financing;
  /** Paid on `encumbered`: payees BankA (the financing) and supplier-1 (the holder). */
  readonly payment: Payment;
  /** Confirmed, with `requested` (REQUESTED, BankA) against it: what a forged approval writes. */
  readonly toApprove: Receivable;
  readonly requested: Financing;
  readonly receipt: WarehouseReceipt;
  /** Pledged to BankA under `pledge` (ACTIVE). */
  readonly pledgedReceipt: WarehouseReceipt;
  readonly pledge: Pledge;
  readonly price: CommodityPrice;
  /** Registered by the Suppliers org's admin. */
  readonly participant: Participant;
  /** The participant's legal entity (`scf.entity`), bound to SuppliersMSP by that registration. */
  readonly legalEntityId: string;
  /** A heartbeat of SuppliersMSP, and a second one whose key-level policy rogues try to rewrite. */
  readonly heartbeatLabel: string;
  readonly policyHeartbeatLabel: string;
  readonly controlPolicyHeartbeatLabel: string;
}

const ASSESSMENT = JSON.stringify({
  decision: 'APPROVE',
  policyVersion: 'test-1',
  inputsHash: 'e'.repeat(64),
});

async function issueConfirmed(id: string, amount: string): Promise<Receivable> {
  await issue(id, amount);
  return submitAs<Receivable>('core', call(tx.receivable.ConfirmReceivable, { receivableId: id }));
}

function issue(id: string, amount: string): Promise<Receivable> {
  return submitAs<Receivable>('supplier-1', call(tx.receivable.IssueReceivable, invoiceTerms(id, { amount })));
}

/** Line, cap, financed receivable with terms and a payment, and a financing awaiting approval (one chain: they share tranches and shards). */
async function bankSide(id: string, currency: string) {
  const cap = await submitAs<ConsortiumCap>(
    'auditor',
    call(tx.creditLine.SetConsortiumCap, { coreId: 'core', currency, cap: '1000000000' }),
  );
  await submitAs('auditor', call(tx.creditLine.SetConsortiumCap, { coreId: 'core', currency: 'USD', cap: '1000000000000' }));
  const lineId = `${id}-line`;
  const line = await grantLineAs('bank-a', lineTerms(lineId));
  await issueConfirmed(`${id}-enc`, '1000000');
  const financingId = `${id}-fin`;
  await submitAs('supplier-1', call(tx.financing.RequestFinancing, { financingId, receivableId: `${id}-enc`, lineId, amount: '300000' }));
  const approved = await submitAs<{ financing: Financing }>('bank-a-risk', await approvalCall(financingId, ASSESSMENT));
  await submitAs('bank-a', call(tx.financing.RecordTerms, { financingId }), {
    transient: { terms: JSON.stringify({ salt: '5a'.repeat(16), rateKind: 'DISCOUNT', rateBps: '400', feeAmount: '1000' }) },
    endorsingOrganizations: ['BankAMSP', 'SuppliersMSP'],
  });
  const payment = await submitAs<Payment>(
    'core',
    call(tx.repayment.RecordPayment, { paymentId: `${id}-pay`, receivableId: `${id}-enc`, amount: '400000', reference: `WIRE-${id}` }),
  );
  const encumbered = await evaluateAs<Receivable>('auditor', call(tx.receivable.GetReceivable, { receivableId: `${id}-enc` }));
  const toApprove = await issueConfirmed(`${id}-appr`, '500000');
  const requested = await submitAs<Financing>(
    'supplier-1',
    call(tx.financing.RequestFinancing, { financingId: `${id}-fin2`, receivableId: toApprove.id, lineId, amount: '200000' }),
  );
  return { cap, line, encumbered, financing: approved.financing, payment, toApprove, requested };
}

async function receivableSide(id: string) {
  const issued = await issue(`${id}-iss`, '70000');
  await issueConfirmed(`${id}-conf`, '80000');
  const dilutionId = `${id}-dil`;
  await submitAs(
    'supplier-1',
    call(tx.receivable.RecordDilution, {
      receivableId: `${id}-conf`,
      dilutionId,
      kind: 'CREDIT_NOTE',
      amount: '1000',
      reference: `CN-${id}`,
    }),
  );
  const confirmed = await evaluateAs<Receivable>('auditor', call(tx.receivable.GetReceivable, { receivableId: `${id}-conf` }));
  const expiresAt = `${new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 19)}Z`;
  const dilutionRequest = await submitAs<DilutionRequest>(
    'core',
    call(tx.receivable.RequestDilution, {
      receivableId: confirmed.id,
      dilutionId: `${id}-dreq`,
      kind: 'RETURN',
      amount: '500',
      reference: `RET-${id}`,
      expiresAt,
    }),
  );
  return { issued, confirmed, dilutionId, dilutionRequest };
}

async function warehouseSide(id: string) {
  const receiptArgs = (receiptId: string) => ({
    receiptId,
    ownerId: 'supplier-1',
    lotId: `${receiptId}-lot`,
    commodity: `${id}-copper`,
    grade: 'A',
    unit: 't',
    quantity: '1000',
    location: 'Bay 7',
  });
  const receipt = await submitAs<WarehouseReceipt>('warehouse', call(tx.warehouse.IssueReceipt, receiptArgs(`${id}-wr`)));
  const { price } = await submitAs<{ price: CommodityPrice }>(
    'price-oracle',
    call(tx.warehouse.SetPrice, { commodity: `${id}-copper`, grade: 'A', unit: 't', currency: 'USD', pricePerUnit: '100' }),
  );
  await submitAs('warehouse', call(tx.warehouse.IssueReceipt, receiptArgs(`${id}-wr2`)));
  await submitAs(
    'supplier-1',
    call(tx.warehouse.RequestPledge, { pledgeId: `${id}-pl`, receiptId: `${id}-wr2`, bankMsp: 'BankAMSP', loanAmount: '50000' }),
  );
  const { pledge } = await submitAs<{ pledge: Pledge }>('bank-a', await acceptanceCall(`${id}-pl`, '2000', '12000'));
  const pledgedReceipt = await evaluateAs<WarehouseReceipt>('auditor', call(tx.warehouse.GetReceipt, { receiptId: `${id}-wr2` }));
  return { receipt, price, pledge, pledgedReceipt };
}

async function participantSide(id: string) {
  const legalEntityId = leiFromLabel(`${id}-sup`);
  const participant = await withContract('Suppliers', 'Admin', catalogue.participant.name, async (contract) => {
    const registration = call(tx.participant.RegisterParticipant, {
      participantId: `${id}-sup`,
      clientId: `x509::/OU=client/CN=${id}-sup::/CN=ca.suppliers.example`,
      name: 'Rogue test supplier',
      role: 'supplier',
      tier: '3',
      legalEntityId,
    });
    const bytes = await contract.submit(registration.transaction, { arguments: [...registration.args] });
    return JSON.parse(Buffer.from(bytes).toString('utf8')) as Participant;
  });
  const heartbeatLabel = `${id}-hb`;
  const policyHeartbeatLabel = `${id}-hbp`;
  const controlPolicyHeartbeatLabel = `${id}-hbc`;
  for (const label of [heartbeatLabel, policyHeartbeatLabel, controlPolicyHeartbeatLabel]) {
    await submitAs('supplier-1', call(tx.system.Heartbeat, { label }));
  }
  return { participant, legalEntityId, heartbeatLabel, policyHeartbeatLabel, controlPolicyHeartbeatLabel };
}

/**
 * Makes every target through the real chaincode, one transaction at a time: several set key-level
 * policies of keys the next ones write, and a transaction that writes a key whose policy an
 * earlier transaction of the same block changed is invalidated (ENDORSEMENT_POLICY_FAILURE).
 */
export async function makeTargets(id: string): Promise<Targets> {
  // The cap and its shards are forged in a currency of this run: USD's are shared with every other test.
  const currency = runCurrency();
  const bank = await bankSide(id, currency);
  const receivables = await receivableSide(id);
  const warehouse = await warehouseSide(id);
  const participants = await participantSide(id);
  return { id, currency, ...bank, ...receivables, ...warehouse, ...participants };
}
