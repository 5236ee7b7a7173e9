import { KeyType } from '../keys';
import { allTransactions, fcn, tx } from './catalogue';
import { isKeyType, mayHaveWritten, mayWrite, transactionOfFcn, WRITE_RIGHTS, writersOf } from './write-rights';

describe('the write rights', () => {
  it('name only submitted transactions, each key class at least once', () => {
    for (const type of Object.values(KeyType)) {
      expect({ type, writers: WRITE_RIGHTS[type].length > 0 }).toEqual({ type, writers: true });
      for (const writer of WRITE_RIGHTS[type]) {
        expect({ type, writer: fcn(writer), kind: writer.kind }).toEqual({ type, writer: fcn(writer), kind: 'submit' });
      }
    }
  });

  it('every submitted transaction writes some key class', () => {
    const writers = new Set(Object.values(WRITE_RIGHTS).flatMap((list) => list.map(fcn)));
    const silent = allTransactions()
      .filter((t) => t.kind === 'submit')
      .map(fcn)
      .filter((name) => !writers.has(name));
    expect(silent).toEqual([]);
  });

  it('answers who may write a key class', () => {
    expect(mayWrite(fcn(tx.repayment.AcknowledgePayment), KeyType.financing)).toBe(true);
    expect(mayWrite(fcn(tx.system.Heartbeat), KeyType.financing)).toBe(false);
    expect(mayWrite(fcn(tx.financing.GetFinancing), KeyType.financing)).toBe(false);
    expect(mayWrite(fcn(tx.system.Heartbeat), 'scf.unknown')).toBe(false);
    expect(writersOf('scf.unknown')).toEqual([]);
    expect([isKeyType(KeyType.pledge), isKeyType('scf.unknown')]).toEqual([true, false]);
  });

  it("holds a block against this version's rights and the writes earlier versions made", () => {
    // Today's heartbeat never writes a guard; an earlier one did, and a long-lived ledger keeps it.
    expect(mayWrite(fcn(tx.system.Heartbeat), KeyType.guard)).toBe(false);
    expect(mayHaveWritten(fcn(tx.system.Heartbeat), KeyType.guard)).toBe(true);
    expect(mayHaveWritten(fcn(tx.system.ProtectCreationGuard), KeyType.guard)).toBe(true);
    expect(mayHaveWritten(fcn(tx.system.Heartbeat), KeyType.financing)).toBe(false);
    expect(mayHaveWritten(fcn(tx.system.Heartbeat), 'scf.unknown')).toBe(false);
  });

  it('reads a function name as fabric-contract-api does, the default contract for a bare name', () => {
    expect(transactionOfFcn('scf.financing:ApproveFinancing')).toBe(tx.financing.ApproveFinancing);
    expect(transactionOfFcn('Heartbeat')).toBe(tx.system.Heartbeat);
    expect(transactionOfFcn(':Heartbeat')).toBe(tx.system.Heartbeat);
    expect(transactionOfFcn('scf.financing:Heartbeat')).toBeUndefined();
    expect(transactionOfFcn('ApproveFinancing')).toBeUndefined();
    expect(transactionOfFcn('')).toBeUndefined();
  });
});
