import { peer } from '@hyperledger/fabric-protos';
import { clientIdOf, decodeBlock, validationCodeName } from './decode-block';
import { projectBlock } from './projection';
import { buildBlock, roundTrip, TEST_CLIENT_CERT, TEST_CLIENT_ID } from './testing/block-builder';
import { fcn, tx as catalogueTx } from '@scf/kernel/catalogue/catalogue';
import { KeyType } from '@scf/kernel/keys';
import { ADMIN_CERT } from '@scf/kernel/testing/certificates';

describe('decodeBlock', () => {
  const block = roundTrip(
    buildBlock(7, [
      {
        txId: 'tx-a',
        fn: fcn(catalogueTx.receivable.IssueReceivable),
        args: ['r1', 'core', 'INV-1', 'USD', '1000', '2025-01-01', '2025-03-01'],
        mspId: 'SuppliersMSP',
        timestampMs: Date.UTC(2025, 1, 2, 3, 4, 5, 678),
        event: { name: 'scf.receivable.Issued', payload: { receivableId: 'r1' } },
        response: { id: 'r1', status: 'ISSUED' },
        writes: [{ objectType: KeyType.receivable, attributes: ['r1'], value: { id: 'r1' } }],
      },
      { txId: 'tx-b', fn: fcn(catalogueTx.financing.ApproveFinancing), validationCode: peer.TxValidationCode.MVCC_READ_CONFLICT },
    ]),
  );
  const decoded = decodeBlock(block);

  it('reads the block number and every transaction in order', () => {
    expect(decoded.number).toBe(7n);
    expect(decoded.transactions.map((t) => [t.index, t.txId])).toEqual([
      [0, 'tx-a'],
      [1, 'tx-b'],
    ]);
  });

  it('takes the validation code from the TRANSACTIONS_FILTER metadata', () => {
    expect(decoded.transactions.map((t) => [t.validationCode, t.validationName])).toEqual([
      [0, 'VALID'],
      [11, 'MVCC_READ_CONFLICT'],
    ]);
  });

  it('decodes header, creator, invocation, event, response and write set', () => {
    const [tx] = decoded.transactions;
    expect(tx).toMatchObject({
      headerType: 3,
      timestamp: '2025-02-02T03:04:05.678Z',
      creatorMsp: 'SuppliersMSP',
      creatorId: TEST_CLIENT_ID,
      chaincode: 'scf',
      fn: fcn(catalogueTx.receivable.IssueReceivable),
      args: ['r1', 'core', 'INV-1', 'USD', '1000', '2025-01-01', '2025-03-01'],
      event: { name: 'scf.receivable.Issued', payload: '{"receivableId":"r1"}' },
      response: { status: 200, payload: '{"id":"r1","status":"ISSUED"}' },
      writes: [{ namespace: 'scf', key: '\u0000scf.receivable\u0000r1\u0000', isDelete: false, value: '{"id":"r1"}' }],
    });
    expect(tx?.creatorCertHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reads deletes, key-level policy (metadata) writes and whether the creator is an org admin', () => {
    const [admin, client] = decodeBlock(
      roundTrip(
        buildBlock(8, [
          {
            txId: 'tx-c',
            fn: fcn(catalogueTx.receivable.ConfirmReceivable),
            creatorCert: ADMIN_CERT,
            writes: [{ objectType: KeyType.receivablesByHolder, attributes: ['s1', 'r1'], value: 1, isDelete: true }],
            metadataWrites: [{ objectType: KeyType.receivable, attributes: ['r1'] }],
          },
          { txId: 'tx-d', fn: fcn(catalogueTx.system.Heartbeat) },
        ]),
      ),
    ).transactions;
    expect(admin?.writes).toEqual([
      { namespace: 'scf', key: '\u0000scf.receivable.byHolder\u0000s1\u0000r1\u0000', isDelete: true, value: '' },
    ]);
    expect(admin?.metadataWrites).toEqual([{ namespace: 'scf', key: '\u0000scf.receivable\u0000r1\u0000' }]);
    expect([admin?.creatorIsAdmin, client?.creatorIsAdmin, client?.metadataWrites]).toEqual([true, false, []]);
  });

  it('leaves the event undefined when the transaction emitted none', () => {
    expect(decoded.transactions[1]?.event).toBeUndefined();
  });
});

describe('clientIdOf', () => {
  it('formats subject and issuer as fabric-shim getID() does', () => {
    expect(clientIdOf(TEST_CLIENT_CERT)).toBe(TEST_CLIENT_ID);
  });

  it('is empty for bytes that are not a certificate', () => {
    expect(clientIdOf('not a certificate')).toBe('');
  });
});

describe('validationCodeName', () => {
  it('names known codes and marks unknown ones', () => {
    expect(validationCodeName(peer.TxValidationCode.ENDORSEMENT_POLICY_FAILURE)).toBe('ENDORSEMENT_POLICY_FAILURE');
    expect(validationCodeName(250)).toBe('UNKNOWN_250');
  });
});

describe('an envelope that cannot be decoded', () => {
  it('is kept, empty, with its error; the rest of the block decodes, and the projection skips it with that error', () => {
    const block = roundTrip(
      buildBlock(3, [
        { txId: 'tx-a', fn: fcn(catalogueTx.receivable.IssueReceivable) },
        { txId: 'tx-b', fn: fcn(catalogueTx.receivable.IssueReceivable) },
      ]),
    );
    const [first] = block.getData()?.getDataList_asU8() ?? [];
    // A length-delimited field whose length runs past the end: not a protobuf message.
    block.getData()?.setDataList([first ?? new Uint8Array(), new Uint8Array([0x0a, 0x7f, 0x01])]);
    const decoded = decodeBlock(block);
    expect(decoded.transactions.map((t) => [t.index, t.txId, t.validationName, t.decodeError === undefined])).toEqual([
      [0, 'tx-a', 'VALID', true],
      [1, '', 'VALID', false],
    ]);
    const projection = projectBlock(decoded, 'scf');
    expect(projection.transactions.map((t) => [t.txIndex, t.error?.startsWith('the envelope could not be decoded: ')])).toEqual([
      [0, undefined],
      [1, true],
    ]);
  });
});
