import { peer } from '@hyperledger/fabric-protos';
import { encodeWriteBatch, WRITE_BATCH_STATE } from './write-batch-encoding';

// Decoded with fabric-protos 0.3 (Fabric 3.1's protos, the gateway's dependency), as the peer decodes it.
describe('the write batch sent to the peer (WriteBatchState)', () => {
  it('carries each write in order: puts with their value, deletes, key-level policies under the metakey', () => {
    const longValue = Buffer.alloc(300, 7); // a length that needs a two-byte varint
    const bytes = encodeWriteBatch(
      [
        { kind: 'put', key: '\u0000scf.receivable\u0000r-1\u0000', value: longValue },
        { kind: 'policy', key: '\u0000scf.receivable\u0000r-1\u0000', policy: Buffer.from('policy-bytes') },
        { kind: 'delete', key: 'gone' },
        { kind: 'put', key: 'ü-key', value: Buffer.from('1') },
      ],
      'VALIDATION_PARAMETER',
    );
    const records = peer.WriteBatchState.deserializeBinary(bytes).getRecList();
    expect(
      records.map((r) => ({
        key: r.getKey(),
        type: r.getType(),
        collection: r.getCollection(),
        value: Buffer.from(r.getValue_asU8()).toString('hex'),
        metakey: r.getMetadata()?.getMetakey(),
        policy: Buffer.from(r.getMetadata()?.getValue_asU8() ?? []).toString(),
      })),
    ).toEqual([
      {
        key: '\u0000scf.receivable\u0000r-1\u0000',
        type: peer.WriteRecord.Type.PUT_STATE,
        collection: '',
        value: longValue.toString('hex'),
        metakey: undefined,
        policy: '',
      },
      {
        key: '\u0000scf.receivable\u0000r-1\u0000',
        type: peer.WriteRecord.Type.PUT_STATE_METADATA,
        collection: '',
        value: '',
        metakey: 'VALIDATION_PARAMETER',
        policy: 'policy-bytes',
      },
      { key: 'gone', type: peer.WriteRecord.Type.DEL_STATE, collection: '', value: '', metakey: undefined, policy: '' },
      { key: 'ü-key', type: peer.WriteRecord.Type.PUT_STATE, collection: '', value: '31', metakey: undefined, policy: '' },
    ]);
  });

  it('is the message type Fabric 3.1 calls WRITE_BATCH_STATE', () => {
    expect(WRITE_BATCH_STATE).toBe(peer.ChaincodeMessage.Type.WRITE_BATCH_STATE);
  });
});
