import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readModelCaughtUp, startGatewayProcess, type GatewayProcess } from '../support/gateway-process';
import { allBlockBytes, eventually, network, utf8 } from '../support/fabric';
import { asParticipant, invoiceTerms, grantLineAs, lineTerms, runId, submitAs } from '../support/ledger';
import { demoParticipant } from '@scf/gateway/demo/demo-participants';
import { call, fcn, type EvaluateCall, tx } from '@scf/kernel/catalogue/catalogue';
import { SEALED_SCHEME, type SealedAnswer, openSealed } from '@scf/kernel/sealed-answer';
import { orgByName, userOf } from '@scf/network';

/**
 * A borrower that *submits* its terms read (GetTerms / GetPledgeTerms, endorsed by the bank's and
 * its own peer) gets its transaction into a block, and the block carries the chaincode's answer
 * whether the transaction is valid or not (with the chaincode-level policy at 3 of 6, two
 * endorsements of a transaction that writes nothing are now ENDORSEMENT_POLICY_FAILURE). The answer
 * is sealed to the borrower's certificate key: the blocks (read through qscc), the read model
 * and the auditor's block view hold nothing of the terms or their salt, while the borrower still
 * reads its terms through the gateway.
 */

interface Submitted {
  readonly transactionId: string;
  readonly blockNumber: bigint;
  readonly sealed: SealedAnswer;
}

/** Submits a query as a transaction: endorsed by the collection's orgs, ordered, committed. */
function submitQuery(participantId: string, query: EvaluateCall, endorsingOrganizations: string[]): Promise<Submitted> {
  return asParticipant(participantId, query.contract, async (contract) => {
    const proposal = contract.newProposal(query.transaction, { arguments: [...query.args], endorsingOrganizations });
    const transaction = await proposal.endorse();
    const commit = await transaction.submit();
    const status = await commit.getStatus();
    // Ordered into a block either way: VALID (0) or, two endorsements under 3 of 6, ENDORSEMENT_POLICY_FAILURE (10).
    expect([0, 10]).toContain(status.code);
    expect(status.blockNumber).toBeGreaterThan(0n);
    return {
      transactionId: transaction.getTransactionId(),
      blockNumber: status.blockNumber,
      sealed: JSON.parse(utf8.decode(transaction.getResult())) as SealedAnswer,
    };
  });
}

function openAs(participantId: string, sealed: SealedAnswer): unknown {
  const p = demoParticipant(participantId);
  return JSON.parse(openSealed(sealed, readFileSync(userOf(orgByName(network(), p.org), p.user).keyPath)).toString('utf8'));
}

function secretTerms(rateBps: string): { salt: string; rateKind: string; rateBps: string; feeAmount: string; internalScore: string } {
  return {
    salt: randomBytes(16).toString('hex'),
    rateKind: 'DISCOUNT',
    rateBps,
    feeAmount: '31337',
    internalScore: `SEALED-SENTINEL-${randomBytes(6).toString('hex')}`,
  };
}

/** What must never be readable anywhere outside the collection and the gateway's answer to its reader. */
function secretsOf(terms: { salt: string; internalScore: string }): string[] {
  return [terms.salt, terms.internalScore, Buffer.from(terms.salt).toString('base64').slice(0, 16)];
}

let gw: GatewayProcess;

beforeAll(async () => {
  gw = await startGatewayProcess();
}, 120_000);

afterAll(async () => {
  await gw.stop();
});

describe('private terms never reach a block in clear', () => {
  it('a submitted GetTerms and GetPledgeTerms leave only sealed answers; the borrower reads its terms through the gateway', async () => {
    const id = runId('seal');
    const financingTerms = secretTerms('811');
    const pledgeTerms = secretTerms('677');

    // A financing with recorded terms.
    await submitAs('auditor', call(tx.creditLine.SetConsortiumCap, { coreId: 'core', currency: 'USD', cap: '1000000000000' }));
    await grantLineAs('bank-a', lineTerms(`${id}-line`));
    await submitAs('supplier-1', call(tx.receivable.IssueReceivable, invoiceTerms(id, { amount: '1000003' })));
    await submitAs('core', call(tx.receivable.ConfirmReceivable, { receivableId: id }));
    await submitAs(
      'supplier-1',
      call(tx.financing.RequestFinancing, { financingId: `${id}-f`, receivableId: id, lineId: `${id}-line`, amount: '500000' }),
    );
    const endorsers = ['BankAMSP', 'SuppliersMSP'];
    await submitAs('bank-a', call(tx.financing.RecordTerms, { financingId: `${id}-f` }), {
      transient: { terms: JSON.stringify(financingTerms) },
      endorsingOrganizations: endorsers,
    });

    // A pledge with recorded terms.
    await submitAs(
      'warehouse',
      call(tx.warehouse.IssueReceipt, {
        receiptId: `${id}-wr`,
        ownerId: 'supplier-1',
        lotId: `LOT-${id}`,
        commodity: 'COPPER',
        grade: 'A',
        unit: 'KG',
        quantity: '1000',
        location: 'Bay 9',
      }),
    );
    // Endorsed by peers that must first have the receipt's block: retried until they do (a refused endorsement writes nothing).
    await eventually(() =>
      submitAs(
        'supplier-1',
        call(tx.warehouse.RequestPledge, { pledgeId: `${id}-p`, receiptId: `${id}-wr`, bankMsp: 'BankAMSP', loanAmount: '1000' }),
      ),
    );
    await submitAs('bank-a', call(tx.warehouse.RecordPledgeTerms, { pledgeId: `${id}-p` }), {
      transient: { terms: JSON.stringify(pledgeTerms) },
      endorsingOrganizations: endorsers,
    });

    // The borrower submits both reads: VALID transactions, each answering a sealed box it alone can open.
    const financingRead = await submitQuery('supplier-1', call(tx.financing.GetTerms, { financingId: `${id}-f` }), endorsers);
    const pledgeRead = await submitQuery('supplier-1', call(tx.warehouse.GetPledgeTerms, { pledgeId: `${id}-p` }), endorsers);
    for (const [read, terms, subject, query] of [
      [financingRead, financingTerms, `${id}-f`, fcn(tx.financing.GetTerms)],
      [pledgeRead, pledgeTerms, `${id}-p`, fcn(tx.warehouse.GetPledgeTerms)],
    ] as const) {
      expect(read.sealed).toMatchObject({ scheme: SEALED_SCHEME, context: `${query} ${subject} ${read.transactionId}` });
      expect(openAs('supplier-1', read.sealed)).toEqual(terms);
      expect(() => openAs('supplier-2', read.sealed)).toThrow();
    }

    // The blocks, read through qscc from the auditor's and the bank's peer: the sealed answers are there, the terms are not.
    const secrets = [...secretsOf(financingTerms), ...secretsOf(pledgeTerms)];
    for (const org of ['Auditor', 'BankA']) {
      const blocks = await allBlockBytes(org);
      const withAnswers = blocks.filter((b) => b.includes(financingRead.sealed.ciphertext) || b.includes(pledgeRead.sealed.ciphertext));
      expect(withAnswers.length).toBeGreaterThanOrEqual(1);
      for (const secret of secrets) {
        expect([org, secret, blocks.filter((b) => b.includes(secret)).length]).toEqual([org, secret, 0]);
      }
    }

    // The borrower reads its terms through the gateway (which opens the sealed answer with its key).
    expect(await gw.ok('supplier-1', 'GET', `/v1/financings/${id}-f/terms`)).toEqual(financingTerms);
    expect(await gw.ok('supplier-1', 'GET', `/v1/pledges/${id}-p/terms`)).toEqual(pledgeTerms);
    expect(await gw.ok('bank-a', 'GET', `/v1/financings/${id}-f/terms`)).toEqual(financingTerms);

    // The read model and the auditor's block view keep nothing of the answers.
    await readModelCaughtUp(gw);
    for (const [read, query] of [
      [financingRead, fcn(tx.financing.GetTerms)],
      [pledgeRead, fcn(tx.warehouse.GetPledgeTerms)],
    ] as const) {
      const found = await gw.ok<{ items: { txId: string; response: { payload: unknown } | null }[] }>(
        'auditor',
        'GET',
        `/v1/search/transactions?fn=${encodeURIComponent(query)}&txId=${read.transactionId}&limit=5`,
      );
      const item = found.items.find((i) => i.txId === read.transactionId);
      expect(item).toBeDefined();
      expect(item?.response?.payload ?? null).toBeNull();
      const block = JSON.stringify(await gw.ok('auditor', 'GET', `/v1/audit/blocks/${read.blockNumber.toString()}`));
      expect(block).toContain(read.transactionId);
      for (const text of [JSON.stringify(found), block]) {
        expect(text).not.toContain(read.sealed.ciphertext);
        for (const secret of secrets) {
          expect(text).not.toContain(secret);
        }
      }
    }
  });
});
