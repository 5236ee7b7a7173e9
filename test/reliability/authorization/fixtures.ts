import { leiFromLabel } from '@scf/kernel/legal-entity';
import type { GatewayProcess } from '../../support/gateway-process';
import { invoiceTerms, isoDay, runId, runUniqueFace } from '../../support/ledger';
import type { Fixtures } from './requests';

/** Creates the run's fixtures through the API, each as the credential that owns it. */
export async function createFixtures(gw: GatewayProcess): Promise<Fixtures> {
  const token = runId('authz');
  const digits = `${String(Date.now())}${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
  const fixtures: Fixtures = {
    token,
    cap: `1${digits}`,
    lineId: `${token}-line`,
    issuedId: `${token}-issued`,
    receivableId: `${token}-rcv`,
    financingId: `${token}-fin`,
    paidId: `${token}-paid`,
    paymentId: `${token}-pay`,
    receiptId: `${token}-wr`,
    pledgeId: `${token}-pl`,
    commodity: `${token}-c`,
    memberId: `${token}-member`,
  };
  const ok = gw.ok.bind(gw);
  const exposure = await ok<{ cap: string }>('auditor', 'GET', '/v1/consortium-caps/core/USD').catch(() => ({ cap: '0' }));
  if (BigInt(exposure.cap) < 10n ** 13n) {
    await ok('auditor', 'PUT', '/v1/consortium-caps/core/USD', { cap: (10n ** 13n).toString() });
  }
  await ok('bank-a', 'POST', '/v1/credit-lines', {
    lineId: fixtures.lineId,
    coreId: 'core',
    currency: 'USD',
    limit: '1000000000',
    expiresOn: isoDay(365),
    maxAdvanceRateBps: '9000',
    maxTenorDays: 180,
    graceDays: 10,
  });
  for (const id of [fixtures.issuedId, fixtures.receivableId, fixtures.paidId]) {
    await ok('supplier-1', 'POST', '/v1/receivables', invoiceTerms(id, { amount: String(runUniqueFace()) }));
  }
  await ok('core', 'POST', `/v1/receivables/${fixtures.receivableId}/confirm`);
  await ok('core', 'POST', `/v1/receivables/${fixtures.paidId}/confirm`);
  await ok('supplier-1', 'POST', '/v1/financings', {
    financingId: fixtures.financingId,
    receivableId: fixtures.receivableId,
    lineId: fixtures.lineId,
    amount: '500000',
  });
  await ok('bank-a', 'POST', `/v1/financings/${fixtures.financingId}/terms`, {
    salt: 'cd'.repeat(16),
    rateKind: 'DISCOUNT',
    rateBps: '300',
  });
  await ok('core', 'POST', '/v1/payments', {
    paymentId: fixtures.paymentId,
    receivableId: fixtures.paidId,
    amount: '100',
    reference: `wire-${token}`,
  });
  await ok('warehouse', 'POST', '/v1/warehouse-receipts', {
    receiptId: fixtures.receiptId,
    ownerId: 'supplier-1',
    lotId: `${token}-lot`,
    commodity: fixtures.commodity,
    grade: 'A',
    unit: 't',
    quantity: '100',
    location: 'Bay 7',
  });
  await ok('price-oracle', 'PUT', `/v1/prices/${fixtures.commodity}/A/t`, { currency: 'USD', pricePerUnit: '800000' });
  await ok('supplier-1', 'POST', '/v1/pledges', {
    pledgeId: fixtures.pledgeId,
    receiptId: fixtures.receiptId,
    bankMsp: 'BankAMSP',
    loanAmount: '1000',
  });
  await ok('bank-a', 'POST', `/v1/pledges/${fixtures.pledgeId}/terms`, { salt: 'ef'.repeat(16), rateKind: 'INTEREST', rateBps: '500' });
  await ok('suppliers-admin', 'POST', '/v1/participants', {
    participantId: fixtures.memberId,
    clientId: `x509::/OU=client/CN=${fixtures.memberId}@suppliers.scf.local::/O=suppliers.scf.local/CN=ca.suppliers.scf.local`,
    name: 'Reliability test supplier',
    role: 'supplier',
    tier: 2,
    legalEntityId: leiFromLabel(fixtures.memberId),
  });
  return fixtures;
}

/** The fixtures as the auditor reads them: what a refused call must leave as it was. */
export async function fixtureState(gw: GatewayProcess, f: Fixtures): Promise<unknown[]> {
  const paths = [
    `/v1/credit-lines/${f.lineId}`,
    `/v1/receivables/${f.issuedId}`,
    `/v1/receivables/${f.receivableId}`,
    `/v1/receivables/${f.paidId}`,
    `/v1/financings/${f.financingId}`,
    `/v1/payments/${f.paymentId}`,
    `/v1/warehouse-receipts/${f.receiptId}`,
    `/v1/pledges/${f.pledgeId}`,
    `/v1/prices/${f.commodity}/A/t`,
    `/v1/participants/${f.memberId}`,
    '/v1/consortium-caps/core/USD',
  ];
  return Promise.all(paths.map((p) => gw.ok('auditor', 'GET', p)));
}
