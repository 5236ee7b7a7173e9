/** Unit tests (app.inject over scripted fake ledgers): the scf.participant routes. */
import pino from 'pino';
import { TEST_KEYS } from '../../testing/fakes';
import { historyOf, participantFixture } from '../../testing/ledger-fixtures';
import {
  expectRouteReachesLedger,
  expectSchemaRejects,
  ledgerRouteHarness,
  type LedgerRouteCase,
  type LedgerRouteHarness,
  ScriptedLedgers,
} from '../../testing/ledger-route-testing';
import { buildTestApp } from '../../testing/test-app';
import { participantAdminRoutes, participantRoutes } from './participants';
import { call, tx } from '@scf/kernel/catalogue/catalogue';

const LEI = '7LTWFZYICNSX8D621K86';
const registration = {
  participantId: 'supplier-9',
  clientId: participantFixture.clientId,
  name: 'Tier-9 Co',
  role: 'supplier',
  tier: 2,
  legalEntityId: LEI,
};

const cases: [string, LedgerRouteCase][] = [
  [
    'register a supplier',
    {
      method: 'POST',
      url: '/v1/participants',
      body: registration,
      status: 201,
      ledgerCall: call(tx.participant.RegisterParticipant, {
        participantId: 'supplier-9',
        clientId: registration.clientId,
        name: 'Tier-9 Co',
        role: 'supplier',
        tier: '2',
        legalEntityId: LEI,
      }),
      result: participantFixture,
    },
  ],
  [
    'register a non-supplier (tier "")',
    {
      method: 'POST',
      url: '/v1/participants',
      body: { ...registration, role: 'bank', tier: undefined },
      status: 201,
      ledgerCall: call(tx.participant.RegisterParticipant, {
        participantId: 'supplier-9',
        clientId: registration.clientId,
        name: 'Tier-9 Co',
        role: 'bank',
        tier: '',
        legalEntityId: LEI,
      }),
      result: participantFixture,
    },
  ],
  [
    'suspend',
    {
      method: 'POST',
      url: '/v1/participants/supplier-1/suspend',
      ledgerCall: call(tx.participant.SuspendParticipant, { participantId: 'supplier-1' }),
      result: { ...participantFixture, status: 'SUSPENDED' },
    },
  ],
  [
    'reinstate',
    {
      method: 'POST',
      url: '/v1/participants/supplier-1/reinstate',
      ledgerCall: call(tx.participant.ReinstateParticipant, { participantId: 'supplier-1' }),
      result: participantFixture,
    },
  ],
  [
    'who am I (registered)',
    {
      method: 'GET',
      url: '/v1/participants/me',
      ledgerCall: call(tx.participant.WhoAmI),
      result: { mspId: 'SuppliersMSP', clientId: participantFixture.clientId, isAdmin: false, participant: participantFixture },
    },
  ],
  [
    'who am I (an admin)',
    {
      method: 'GET',
      url: '/v1/participants/me',
      ledgerCall: call(tx.participant.WhoAmI),
      result: { mspId: 'SuppliersMSP', clientId: 'x509::/CN=Admin::/CN=ca', isAdmin: true, participant: null },
    },
  ],
  [
    'get',
    {
      method: 'GET',
      url: '/v1/participants/supplier-1',
      ledgerCall: call(tx.participant.GetParticipant, { participantId: 'supplier-1' }),
      result: participantFixture,
    },
  ],
  [
    'history',
    {
      method: 'GET',
      url: '/v1/participants/supplier-1/history',
      ledgerCall: call(tx.participant.GetParticipantHistory, { participantId: 'supplier-1' }),
      result: historyOf(participantFixture),
    },
  ],
  [
    'list by org',
    {
      method: 'GET',
      url: '/v1/orgs/SuppliersMSP/participants',
      ledgerCall: call(tx.participant.ListParticipantsByOrg, { mspId: 'SuppliersMSP' }),
      result: [participantFixture],
    },
  ],
];

describe('participant routes', () => {
  let h: LedgerRouteHarness;
  beforeAll(async () => {
    h = await ledgerRouteHarness([participantRoutes, participantAdminRoutes]);
  });
  afterAll(() => h.t.close());

  it.each(cases)('%s', (_name, c) => expectRouteReachesLedger(h, c));

  it.each([
    ['a bad participant id', 'POST', '/v1/participants', { ...registration, participantId: 'no spaces' }, '/body/participantId'],
    ['an unknown role', 'POST', '/v1/participants', { ...registration, role: 'king' }, '/body/role'],
    ['a tier as a string', 'POST', '/v1/participants', { ...registration, tier: '2' }, '/body/tier'],
    ['an extra field naming an identity', 'POST', '/v1/participants', { ...registration, user: 'User3' }, '/body'],
    ['a bad id in the path', 'POST', '/v1/participants/-x/suspend', undefined, '/params/participantId'],
    ['a bad MSP id in the path', 'GET', '/v1/orgs/_x/participants', undefined, '/params/mspId'],
  ] as const)('rejects %s', (_name, method, url, body, path) => expectSchemaRejects(h, method, url, body, path));
});

describe('a committed transaction', () => {
  it('is logged with its Fabric transaction id and the request id', async () => {
    const lines: Record<string, unknown>[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) });
    const ledgers = new ScriptedLedgers();
    ledgers.results.set(tx.participant.SuspendParticipant.name, participantFixture);
    const t = await buildTestApp({ routes: [participantRoutes, participantAdminRoutes], ledgers, logger });
    try {
      const response = await t.app.inject({
        method: 'POST',
        url: '/v1/participants/supplier-1/suspend',
        headers: { authorization: `Bearer ${TEST_KEYS.bankOfficer}`, 'x-request-id': 'req-42' },
      });
      const { transactionId } = response.json<{ transactionId: string }>();
      expect(lines).toContainEqual(
        expect.objectContaining({ msg: 'transaction committed', txId: transactionId, reqId: 'req-42', blockNumber: '7' }),
      );
    } finally {
      await t.close();
    }
  });
});
