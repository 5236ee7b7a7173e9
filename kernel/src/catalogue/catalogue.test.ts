import { describeAccess, MEMBER, ORG_ADMIN, roles, ANYONE } from './access-rules';
import { allTransactions, call, catalogue, type CatalogueTransaction, type EvaluateCall, fcn, type SubmitCall, tx } from './catalogue';

describe('the contract catalogue', () => {
  it('puts named arguments in the chaincode order', () => {
    expect(call(tx.financing.RequestFinancing, { amount: '800', lineId: 'l-1', receivableId: 'r-1', financingId: 'f-1' })).toEqual({
      contract: 'scf.financing',
      transaction: 'RequestFinancing',
      kind: 'submit',
      args: ['f-1', 'r-1', 'l-1', '800'],
    });
    expect(call(tx.system.Version)).toEqual({ contract: 'scf.system', transaction: 'Version', kind: 'evaluate', args: [] });
  });

  it('refuses, at compile time, wrong names, kinds and arguments', () => {
    // Each line below must NOT compile; `@ts-expect-error` fails the build if one does.
    // @ts-expect-error a transaction the contract does not have
    expect(() => call(tx.financing.Draw, { financingId: 'f-1' })).toThrow(TypeError);
    // @ts-expect-error a missing argument (lineId)
    expect(() => call(tx.financing.RequestFinancing, { financingId: 'f', receivableId: 'r', amount: '1' })).toThrow(/lineId/);
    // @ts-expect-error a misspelt argument
    expect(() => call(tx.financing.GetFinancing, { financingID: 'f' })).toThrow(/financingId/);
    // @ts-expect-error an argument the transaction does not take
    call(tx.financing.GetFinancing, { financingId: 'f', extra: 'x' });
    // @ts-expect-error arguments for a transaction without any
    call(tx.system.Version, {});
    // @ts-expect-error a submit transaction where only an evaluation is allowed
    const evaluated: EvaluateCall = call(tx.system.Heartbeat, { label: 'x' });
    // @ts-expect-error an evaluate transaction where a submit is expected
    const submitted: SubmitCall = call(tx.system.ReadHeartbeat, { mspId: 'BankAMSP', label: 'x' });
    expect([evaluated.kind, submitted.kind]).toEqual(['submit', 'evaluate']);
  });

  it('names every transaction once, under its own contract', () => {
    const all = allTransactions();
    expect(all.length).toBeGreaterThan(60);
    expect(new Set(all.map(fcn)).size).toBe(all.length);
    for (const c of Object.values(catalogue)) {
      for (const [key, t] of Object.entries<CatalogueTransaction>(c.transactions)) {
        expect([t.contract, t.name]).toEqual([c.name, key]);
      }
    }
    expect(fcn(tx.participant.RegisterParticipant)).toBe('scf.participant:RegisterParticipant');
  });

  it('says who may call in words', () => {
    expect([ANYONE, ORG_ADMIN, MEMBER, roles('bank', 'supplier')].map(describeAccess)).toEqual([
      'anyone',
      'org admins',
      'any registered member or org admin',
      'roles: bank, supplier',
    ]);
  });
});
