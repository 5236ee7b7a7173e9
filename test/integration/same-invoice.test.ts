import { readModelCaughtUp, startGatewayProcess, type GatewayProcess } from '../support/gateway-process';
import { utf8, withContract } from '../support/fabric';
import { chaincodeErrorCode, evaluateAs, invoiceTerms, isoDay, runId, runUniqueFace, submitAs } from '../support/ledger';
import { demoParticipant } from '@scf/gateway/demo/demo-participants';
import { call, catalogue, type SubmitCall, tx } from '@scf/kernel/catalogue/catalogue';

/**
 * "Same invoice, same goods" on the real network: invoice numbers and lots that look the same
 * to a person are one fingerprint (UTS #39 skeleton, digits of every script), keyed on the legal
 * entity, so a second participant id of the same company cannot issue them again either; and
 * the risk gate sends a near-duplicate (same parties, amount and dates, another number) to review.
 */

const SECOND_DESK = 'supplier-1-desk2';

interface Assessed {
  readonly decision: string;
  readonly assessment?: { readonly reasonCodes: string[] };
}

interface WhoAmI {
  readonly clientId: string;
  readonly participant: { readonly id: string; readonly legalEntityId: string } | null;
}

function submitAsUser<T>(org: string, user: string, transaction: SubmitCall): Promise<T> {
  return withContract(org, user, transaction.contract, async (contract) => {
    const bytes = await contract.submit(transaction.transaction, { arguments: [...transaction.args] });
    return JSON.parse(utf8.decode(bytes)) as T;
  });
}

function refusal(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => 'accepted',
    (error: unknown) => chaincodeErrorCode(error) ?? 'refused without a code',
  );
}

/** Suppliers' User4 as a second participant id of supplier-1's legal entity (registered once; the ledger outlives test runs). */
async function secondDeskOfSupplier1(): Promise<void> {
  const me = await withContract('Suppliers', 'User4', catalogue.participant.name, async (contract) => {
    const query = call(tx.participant.WhoAmI);
    return JSON.parse(utf8.decode(await contract.evaluate(query.transaction, { arguments: [...query.args] }))) as WhoAmI;
  });
  const lei = demoParticipant('supplier-1').legalEntityId;
  if (me.participant !== null) {
    expect(me.participant).toMatchObject({ id: SECOND_DESK, legalEntityId: lei });
    return;
  }
  await submitAsUser(
    'Suppliers',
    'Admin',
    call(tx.participant.RegisterParticipant, {
      participantId: SECOND_DESK,
      clientId: me.clientId,
      name: 'Tier-1 Seats Co, second desk',
      role: 'supplier',
      tier: '1',
      legalEntityId: lei,
    }),
  );
}

const FULL_WIDTH_OFFSET = 0xfee0;
const fullWidth = (text: string): string =>
  Array.from(text, (c) => (c >= '!' && c <= '~' ? String.fromCharCode(c.charCodeAt(0) + FULL_WIDTH_OFFSET) : c)).join('');

describe('the same invoice, the same goods, on the real network', () => {
  it('refuses look-alike invoice numbers as duplicates, also from a second participant id of the same legal entity', async () => {
    const id = runId('same');
    const number = `INV-${id}-0042`;
    await secondDeskOfSupplier1();
    await submitAs('supplier-1', call(tx.receivable.IssueReceivable, invoiceTerms(`${id}-r0`, { invoiceNumber: number })));

    const lookAlikes: [string, string][] = [
      ['Cyrillic І', number.replace('INV', '\u0406NV')],
      ['Greek Ι and Ν', number.replace('INV', '\u0399\u039dV')],
      ['full-width', fullWidth(number)],
      ['Arabic-Indic digits', number.replace('-0042', '-\u0660\u0660\u0664\u0662')],
      ['Devanagari digits', number.replace('-0042', '-\u0966\u0966\u096a\u0968')],
    ];
    for (const [index, [script, lookAlike]] of lookAlikes.entries()) {
      expect(lookAlike).not.toBe(number);
      const issue = call(tx.receivable.IssueReceivable, invoiceTerms(`${id}-r${index + 1}`, { invoiceNumber: lookAlike }));
      expect([script, await refusal(submitAs('supplier-1', issue))]).toEqual([script, 'DUPLICATE_FINGERPRINT']);
    }

    // The same company through its second participant id: the fingerprint keys on the legal entity.
    const fromSecondDesk = call(tx.receivable.IssueReceivable, invoiceTerms(`${id}-d1`, { invoiceNumber: lookAlikes[0]?.[1] ?? '' }));
    expect(await refusal(submitAsUser('Suppliers', 'User4', fromSecondDesk))).toBe('DUPLICATE_FINGERPRINT');

    // Not everything collides: another number is another invoice, from either desk.
    const other = call(tx.receivable.IssueReceivable, invoiceTerms(`${id}-d2`, { invoiceNumber: `INV-${id}-0043` }));
    expect(await submitAsUser('Suppliers', 'User4', other)).toMatchObject({ id: `${id}-d2`, creditorId: SECOND_DESK });

    // Another org cannot claim supplier-1's legal entity for one of its own participants.
    const claim = call(tx.participant.RegisterParticipant, {
      participantId: `${id}-claim`,
      clientId: `x509::/OU=client/CN=${id}-claim@core.scf.local::/CN=ca.core.scf.local`,
      name: 'Claims someone else',
      role: 'core-enterprise',
      tier: '',
      legalEntityId: demoParticipant('supplier-1').legalEntityId,
    });
    expect(await refusal(submitAsUser('Core', 'Admin', claim))).toBe('ENTITY_CLAIMED');
  });

  it('refuses a look-alike lot at a look-alike location as the same goods', async () => {
    const id = runId('lot');
    const receipt = (receiptId: string, lotId: string, location: string): SubmitCall =>
      call(tx.warehouse.IssueReceipt, {
        receiptId,
        ownerId: 'supplier-1',
        lotId,
        commodity: 'COPPER',
        grade: 'A',
        unit: 'KG',
        quantity: '1000',
        location,
      });
    await submitAs('warehouse', receipt(`${id}-w1`, `LOT-${id}-7`, 'Bay 3'));
    // Lot ids are plain ids; the location is free text: Cyrillic В and а and a Devanagari 3, the lot id in lower case.
    const again = receipt(`${id}-w2`, `lot-${id}-7`, '\u0412\u0430y \u0969');
    expect(await refusal(submitAs('warehouse', again))).toBe('DUPLICATE_FINGERPRINT');
    expect(await submitAs('warehouse', receipt(`${id}-w3`, `LOT-${id}-8`, 'Bay 3'))).toMatchObject({ id: `${id}-w3` });
    expect(await evaluateAs('auditor', call(tx.warehouse.GetReceipt, { receiptId: `${id}-w3` }))).toMatchObject({ status: 'ISSUED' });
  });
});

describe('near-duplicate invoices in the risk gate', () => {
  let gw: GatewayProcess;

  beforeAll(async () => {
    gw = await startGatewayProcess();
  }, 120_000);

  afterAll(async () => {
    await gw.stop();
  });

  it('sends a financing to REVIEW with INVOICE_NEAR_DUPLICATE when the same seller, debtor, amount and dates exist under another number', async () => {
    const id = runId('near');
    await gw.ok('auditor', 'PUT', '/v1/consortium-caps/core/USD', { cap: '1000000000000' });
    await gw.ok('bank-a', 'POST', '/v1/credit-lines', {
      lineId: `${id}-line`,
      coreId: 'core',
      currency: 'USD',
      limit: '100000000',
      expiresOn: isoDay(365),
      maxAdvanceRateBps: '9000',
      maxTenorDays: 180,
      graceDays: 10,
    });
    const face = runUniqueFace();
    const invoice = { debtorId: 'core', currency: 'USD', amount: String(face), issueDate: isoDay(-1), dueDate: isoDay(60) };
    await gw.ok('supplier-1', 'POST', '/v1/receivables', { ...invoice, receivableId: `${id}-a`, invoiceNumber: `INV-${id}-A` });
    // The second one through the company's second participant id would not help: the read model compares legal entities.
    await gw.ok('supplier-1', 'POST', '/v1/receivables', { ...invoice, receivableId: `${id}-b`, invoiceNumber: `INV-${id}-B` });
    // A third with another amount is no near-duplicate of either.
    await gw.ok('supplier-1', 'POST', '/v1/receivables', {
      ...invoice,
      amount: String(face + 1n),
      receivableId: `${id}-c`,
      invoiceNumber: `INV-${id}-C`,
    });
    for (const suffix of ['a', 'b', 'c']) {
      await gw.ok('core', 'POST', `/v1/receivables/${id}-${suffix}/confirm`);
    }
    await readModelCaughtUp(gw);

    await gw.ok('supplier-1', 'POST', '/v1/financings', {
      financingId: `${id}-fb`,
      receivableId: `${id}-b`,
      lineId: `${id}-line`,
      amount: '300000',
    });
    const assessed = await gw.ok<Assessed>('bank-a', 'POST', `/v1/financings/${id}-fb/assess`);
    expect(assessed.decision).toBe('REVIEW');
    expect(assessed.assessment?.reasonCodes).toContain('INVOICE_NEAR_DUPLICATE');

    await gw.ok('supplier-1', 'POST', '/v1/financings', {
      financingId: `${id}-fc`,
      receivableId: `${id}-c`,
      lineId: `${id}-line`,
      amount: '300000',
    });
    const clean = await gw.ok<Assessed>('bank-a', 'POST', `/v1/financings/${id}-fc/assess`);
    expect(clean.assessment?.reasonCodes ?? []).not.toContain('INVOICE_NEAR_DUPLICATE');
    expect(clean.decision).toBe('APPROVE');
  });
});
