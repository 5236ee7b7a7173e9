/** Unit tests: X-SCF-Min-Block is the read floor of the request that sends it, and of no other. */
import { Type } from 'typebox';
import { call, tx } from '@scf/kernel/catalogue/catalogue';
import { FakeLedgers, TEST_KEYS, fakeNetwork } from '../testing/fakes';
import { buildTestApp, type TestApp } from '../testing/test-app';

const auth = { authorization: `Bearer ${TEST_KEYS.supplier1}` };
const [someOrg] = fakeNetwork().orgs;

describe('X-SCF-Min-Block', () => {
  let t: TestApp;
  const ledgers = new FakeLedgers();
  beforeAll(async () => {
    t = await buildTestApp({
      ledgers,
      routes: [
        (app) => {
          // A body to parse and a pause before the ledger call: the floor must outlive both.
          app.post('/v1/test/read', { schema: { body: Type.Object({ label: Type.String() }) } }, async () => {
            await new Promise((resolve) => setTimeout(resolve, 20));
            if (someOrg === undefined) {
              throw new Error('no org in the fake network');
            }
            await ledgers.forIdentity(someOrg.admin).evaluate(call(tx.participant.WhoAmI));
            return { ok: true };
          });
          return Promise.resolve();
        },
      ],
    });
  });
  afterAll(async () => {
    await t.close();
  });

  const read = (headers: Record<string, string>) =>
    t.app.inject({ method: 'POST', url: '/v1/test/read', headers: { ...auth, ...headers }, payload: { label: 'x' } });

  it("holds for the request's own ledger calls, and not for a request that runs at the same time without it", async () => {
    ledgers.readFloors.length = 0;
    const [withFloor, without] = await Promise.all([read({ 'x-scf-min-block': '41' }), read({})]);
    expect([withFloor.statusCode, without.statusCode]).toEqual([200, 200]);
    expect([...ledgers.readFloors].sort()).toEqual([41n, undefined]);
    // Nothing stays behind: the next request has no floor.
    await read({});
    expect(ledgers.readFloors.at(-1)).toBeUndefined();
  });

  it('is 400 INVALID_ARGUMENT when it is not one block number', async () => {
    const answer = await read({ 'x-scf-min-block': '12; 13' });
    expect(answer.statusCode).toBe(400);
    expect(answer.json()).toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(ledgers.readFloors.length).toBe(3);
  });
});
