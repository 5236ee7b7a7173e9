import { type ChaincodeStub, ClientIdentity } from 'fabric-shim';
import { rememberingClientIdentity } from './client-identity';
import { ADMIN_CERT, CLIENT_CERT } from '@scf/kernel/testing/certificates';

function stubOf(mspid: string, pem: string, txId = 'tx1'): ChaincodeStub {
  const creator = { mspid, idBytes: new Uint8Array(Buffer.from(pem, 'utf8')) };
  return { getChannelID: () => 'scf', getTxID: () => txId, getCreator: () => creator } as unknown as ChaincodeStub;
}

function counting(): { Original: typeof ClientIdentity; parses: () => number } {
  let count = 0;
  class Counted extends ClientIdentity {
    constructor(stub: ChaincodeStub) {
      super(stub);
      count++;
    }
  }
  return { Original: Counted, parses: () => count };
}

const view = (identity: ClientIdentity): unknown[] => [
  identity.getID(),
  identity.getMSPID(),
  Buffer.from(identity.getIDBytes()).toString('utf8'),
  identity.getAttributeValue('hf.EnrollmentID'),
  identity.assertAttributeValue('x', 'y'),
  identity instanceof ClientIdentity,
];

describe('rememberingClientIdentity', () => {
  it('answers as fabric-shim’s ClientIdentity, parsing each certificate once', () => {
    const { Original, parses } = counting();
    const Remembering = rememberingClientIdentity(Original);
    for (const [msp, pem] of [
      ['CoreMSP', ADMIN_CERT],
      ['CoreMSP', CLIENT_CERT],
      ['BankAMSP', CLIENT_CERT],
    ] as const) {
      const expected = view(new ClientIdentity(stubOf(msp, pem)));
      expect(view(new Remembering(stubOf(msp, pem, 'tx2')))).toEqual(expected);
      expect(view(new Remembering(stubOf(msp, pem, 'tx3')))).toEqual(expected);
    }
    expect(parses()).toBe(3);
  });

  it('keeps each call’s own stub', () => {
    const Remembering = rememberingClientIdentity(ClientIdentity);
    const first = stubOf('CoreMSP', CLIENT_CERT, 'a');
    const second = stubOf('CoreMSP', CLIENT_CERT, 'b');
    new Remembering(first);
    expect((new Remembering(second) as unknown as { stub: ChaincodeStub }).stub).toBe(second);
  });

  it('throws for a creator that is not a certificate, every time, as fabric-shim does', () => {
    const Remembering = rememberingClientIdentity(ClientIdentity);
    const bad = stubOf('CoreMSP', 'not a certificate');
    expect(() => new ClientIdentity(bad)).toThrow();
    expect(() => new Remembering(bad)).toThrow();
    expect(() => new Remembering(bad)).toThrow();
  });
});
