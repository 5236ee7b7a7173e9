import { ChaincodeStub } from 'fabric-shim';
import { encode } from './codec';
import { findParticipantByIdentity } from './participants';
import { Store } from './store';
import type { LedgerStub } from './stub';
import { KeyType } from '@scf/kernel/keys';
import type { Participant } from '@scf/kernel/records/participant';

const supplier: Participant = {
  id: 'supplier-1',
  clientId: 'x509::CN=supplier-1::CN=ca',
  mspId: 'SuppliersMSP',
  name: 'Supplier One',
  legalEntityId: '5493001KJTIIGC8Y1R12',
  role: 'supplier',
  tier: 1,
  status: 'SUSPENDED',
  registeredAt: '2026-12-01T00:00:00.000Z',
  updatedAt: '2026-12-02T00:00:00.000Z',
};

/** A stub over fixed state that counts its reads: all findParticipantByIdentity needs. */
function stubOver(state: ReadonlyMap<string, Uint8Array>): { stub: LedgerStub; reads: string[] } {
  const reads: string[] = [];
  const stub = {
    createCompositeKey: (type: string, attributes: string[]) => ChaincodeStub.prototype.createCompositeKey(type, attributes),
    getState: (key: string) => {
      reads.push(key);
      return Promise.resolve(state.get(key) ?? new Uint8Array());
    },
  } as unknown as LedgerStub;
  return { stub, reads };
}

const key = (type: KeyType, attributes: string[]): string => ChaincodeStub.prototype.createCompositeKey(type, attributes);
const identityKey = key(KeyType.identity, [supplier.mspId, supplier.clientId]);
const participantKey = key(KeyType.participant, [supplier.id]);

describe('findParticipantByIdentity', () => {
  it("reads the participant from the identity key's copy in one read", async () => {
    const { stub, reads } = stubOver(new Map([[identityKey, encode(supplier)]]));
    await expect(findParticipantByIdentity(new Store(stub), supplier.mspId, supplier.clientId)).resolves.toEqual(supplier);
    expect(reads).toEqual([identityKey]);
  });

  it('follows an identity key written before the copy (the participant id) to the participant record', async () => {
    const { stub, reads } = stubOver(
      new Map([
        [identityKey, encode(supplier.id)],
        [participantKey, encode(supplier)],
      ]),
    );
    await expect(findParticipantByIdentity(new Store(stub), supplier.mspId, supplier.clientId)).resolves.toEqual(supplier);
    expect(reads).toEqual([identityKey, participantKey]);
  });

  it('finds no participant for an unmapped certificate', async () => {
    const { stub } = stubOver(new Map());
    await expect(findParticipantByIdentity(new Store(stub), supplier.mspId, 'x509::CN=stranger')).resolves.toBeUndefined();
  });
});
