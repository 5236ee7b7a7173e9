import path from 'node:path';
import { LineTermsKeeper } from '../../gateway/src/store/line-terms-keeper';
import { newLineTerms } from '../../gateway/src/usecases/credit-lines';
import { startGatewayProcess, type GatewayProcess } from '../support/gateway-process';
import { evaluateAs, lineTerms, restLineTerms, runId, submitAs } from '../support/ledger';
import { call, tx } from '@scf/kernel/catalogue/catalogue';
import type { CreditLineExposure } from '@scf/kernel/records/credit-line';
import { creditLineTermsHash } from '@scf/kernel/records/line-terms';

/*
 * Issue 16's open point: a grant is two transactions (GrantCreditLine commits to the salted terms'
 * hash, RecordCreditLineTerms stores the terms privately), and only the bank's gateway has the
 * salt. Bank A's real gateway is killed; its first half is done as it would have been (the terms
 * kept in its SQLite file, then GrantCreditLine committed as bank-a); the gateway comes back and
 * the same grant, sent again, finishes on the line already committed: nothing was lost.
 */
describe('a credit line grant cut between its two transactions', () => {
  let gw: GatewayProcess;
  beforeAll(async () => {
    gw = await startGatewayProcess({}, { orgs: ['BankA'] });
  });
  afterAll(async () => {
    await gw.stop();
  });

  it("is finished by the same grant after the bank's gateway restarts; other terms are refused meanwhile", async () => {
    const lineId = `${runId('resume')}-line`;
    const grant = restLineTerms(lineId, { limit: '40000000' });
    const asGranted = lineTerms(lineId, { limit: '40000000' });
    const terms = newLineTerms({ ...asGranted, maxTenorDays: Number(asGranted.maxTenorDays), graceDays: Number(asGranted.graceDays) });
    const termsHash = creditLineTermsHash(terms);

    await gw.kill();
    // What the dead gateway had done: the terms kept, the commitment on the ledger.
    const keeper = LineTermsKeeper.open(path.join(gw.dir, 'BankA', 'gateway.db'));
    keeper.keep('BankAMSP', lineId, terms);
    await submitAs('bank-a', call(tx.creditLine.GrantCreditLine, { lineId, coreId: 'core', currency: 'USD', termsHash }));
    const committed = await evaluateAs<CreditLineExposure>('bank-a', call(tx.creditLine.GetCreditLine, { lineId }));
    expect(committed.line).toMatchObject({ termsHash, termsRecorded: false });
    await gw.restart();

    // Other terms for the waiting line: refused, and the kept ones stay.
    const other = await gw.fetch('bank-a', 'POST', '/v1/credit-lines', { ...grant, limit: '41000000' });
    expect(other.status).toBe(409);
    expect(other.body).toMatchObject({ code: 'ALREADY_EXISTS' });

    const resumed = await gw.fetch('bank-a', 'POST', '/v1/credit-lines', grant);
    expect(resumed.status).toBe(201);
    expect(resumed.body).toMatchObject({ id: lineId, limit: '40000000', termsRecorded: true });
    const line = await gw.ok<{ line: { termsHash: string; limit: string } }>('bank-a', 'GET', `/v1/credit-lines/${lineId}`);
    expect(line.line).toMatchObject({ termsHash, limit: '40000000' });
    expect(keeper.kept('BankAMSP', lineId)).toBeUndefined();
  });
});
