import { common, peer } from '@hyperledger/fabric-protos';
import type { BlockReader } from '../ledger/qscc-reader';
import { clientIdOf } from '../readmodel/decode-block';
import type { ReadModelRepository } from '../readmodel/repository';
import { buildBlock, roundTrip, type TestTransaction } from '../readmodel/testing/block-builder';
import { blockDataHash, blockHeaderHash } from './block-hash';
import { verifyChain, type VerifyReport } from './verify';
import { fcn, tx } from '@scf/kernel/catalogue/catalogue';
import { KeyType } from '@scf/kernel/keys';
import { ADMIN_CERT, CLIENT_CERT } from '@scf/kernel/testing/certificates';

const CLIENT_ID = clientIdOf(CLIENT_CERT);
const AT = '2025-01-10T00:00:00.000Z';

/** A chain of real blocks, hash-linked as a peer links them. */
function chainOf(blocks: readonly (readonly TestTransaction[])[]): common.Block[] {
  let previous: Buffer | undefined;
  return blocks.map((transactions, number) => {
    const block = buildBlock(number, transactions);
    const header = block.getHeader() ?? new common.BlockHeader();
    header.setDataHash(blockDataHash(block.getData()?.getDataList_asU8() ?? []));
    header.setPreviousHash(previous ?? new Uint8Array());
    previous = blockHeaderHash(BigInt(number), header.getPreviousHash_asU8(), header.getDataHash_asU8());
    return roundTrip(block);
  });
}

function readerOf(blocks: readonly common.Block[]): BlockReader {
  return {
    height: () => Promise.resolve(BigInt(blocks.length)),
    blockByNumber: (n) => Promise.resolve(blocks[Number(n)] ?? new common.Block()),
    blockByTxId: () => Promise.reject(new Error('not used')),
    close: () => undefined,
  };
}

/** No block projected yet: validation codes are not compared. */
const EMPTY_READ_MODEL = {
  nextBlock: () => Promise.resolve(0n),
  search: () => Promise.resolve([]),
} as unknown as ReadModelRepository;

function verify(blocks: readonly (readonly TestTransaction[])[]): Promise<VerifyReport> {
  return verifyChain({ reader: readerOf(chainOf(blocks)), readModel: EMPTY_READ_MODEL, chaincode: 'scf' });
}

/** An org admin registers a participant acting with the (shared) client certificate of that org. */
function register(txId: string, mspId: string, id: string, role: string): TestTransaction {
  return {
    txId,
    fn: fcn(tx.participant.RegisterParticipant),
    mspId,
    creatorCert: ADMIN_CERT,
    writes: [
      {
        objectType: KeyType.participant,
        attributes: [id],
        value: { id, clientId: CLIENT_ID, mspId, name: id, role, status: 'ACTIVE', registeredAt: AT, updatedAt: AT },
      },
      { objectType: KeyType.identity, attributes: [mspId, CLIENT_ID], value: id },
      { objectType: KeyType.participantsByOrg, attributes: [mspId, id], value: 1 },
    ],
  };
}

const receivable = (extra: object = {}) => ({
  id: 'r1',
  rootId: 'r1',
  childIds: [],
  face: '1000',
  settled: '0',
  diluted: '0',
  splitOff: '0',
  outstanding: '1000',
  ...extra,
});
const financing = (status: string, outstandingPrincipal: string) => ({
  id: 'f1',
  receivableId: 'r1',
  lineId: 'line1',
  debtorId: 'core',
  currency: 'USD',
  bankMsp: 'BankAMSP',
  status,
  outstandingPrincipal,
});

/** Setup a real network does before anything else: a config block, a lifecycle commit, the participants. */
const SETUP: readonly (readonly TestTransaction[])[] = [
  [{ txId: 'config', fn: '', headerType: common.HeaderType.CONFIG }],
  [
    {
      txId: 'lifecycle',
      fn: 'CommitChaincodeDefinition',
      chaincode: '_lifecycle',
      creatorCert: ADMIN_CERT,
      writes: [{ objectType: 'namespaces', attributes: ['scf'], value: {} }],
    },
  ],
  [
    register('reg-s', 'SuppliersMSP', 'supplier-1', 'supplier'),
    register('reg-c', 'CoreMSP', 'core', 'core-enterprise'),
    register('reg-b', 'BankAMSP', 'bank-a-gw', 'risk-gateway'),
    register('reg-a', 'AuditorMSP', 'auditor', 'auditor'),
  ],
];

const capSlot = { coreId: 'core', currency: 'USD', bankMsp: 'BankAMSP', index: 0 };

/** A legitimate history: a cap, heartbeat, issue, confirm (with its key-level policy), request, approve. */
const HISTORY: readonly (readonly TestTransaction[])[] = [
  [
    {
      txId: 'cap',
      fn: fcn(tx.creditLine.SetConsortiumCap),
      mspId: 'AuditorMSP',
      writes: [
        { objectType: KeyType.capShard, attributes: ['core', 'USD', 'BankAMSP', '000'], value: { ...capSlot, limit: '1000' } },
        { objectType: KeyType.capDraw, attributes: ['core', 'USD', 'BankAMSP', '000'], value: { ...capSlot, drawn: '0' } },
      ],
    },
    {
      txId: 'hb',
      fn: 'Heartbeat',
      mspId: 'SuppliersMSP',
      writes: [{ objectType: KeyType.heartbeat, attributes: ['SuppliersMSP', 'x'], value: { at: AT } }],
    },
    {
      txId: 'issue',
      fn: fcn(tx.receivable.IssueReceivable),
      mspId: 'SuppliersMSP',
      writes: [
        { objectType: KeyType.receivable, attributes: ['r1'], value: receivable() },
        { objectType: KeyType.receivablesByHolder, attributes: ['supplier-1', 'r1'], value: 1 },
        { objectType: KeyType.receivablesByDebtor, attributes: ['core', 'r1'], value: 1 },
        { objectType: KeyType.fingerprint, attributes: ['ab'], value: { assetType: 'receivable', assetId: 'r1' } },
      ],
    },
    {
      txId: 'confirm',
      fn: fcn(tx.receivable.ConfirmReceivable),
      mspId: 'CoreMSP',
      writes: [{ objectType: KeyType.receivable, attributes: ['r1'], value: receivable({ status: 'CONFIRMED' }) }],
      metadataWrites: [{ objectType: KeyType.receivable, attributes: ['r1'] }],
    },
  ],
  [
    {
      txId: 'request',
      fn: fcn(tx.financing.RequestFinancing),
      mspId: 'SuppliersMSP',
      writes: [
        { objectType: KeyType.financing, attributes: ['f1'], value: financing('REQUESTED', '0') },
        { objectType: KeyType.financingsByBank, attributes: ['BankAMSP', 'f1'], value: 1 },
        { objectType: KeyType.financingsByBorrower, attributes: ['supplier-1', 'f1'], value: 1 },
        { objectType: KeyType.financingsByReceivable, attributes: ['r1', 'f1'], value: 1 },
      ],
    },
    {
      txId: 'approve',
      fn: fcn(tx.financing.ApproveFinancing),
      mspId: 'BankAMSP',
      writes: [
        { objectType: KeyType.financing, attributes: ['f1'], value: financing('ACTIVE', '800') },
        { objectType: KeyType.receivable, attributes: ['r1'], value: receivable({ financingId: 'f1' }) },
        { objectType: KeyType.tranche, attributes: ['line1', '000'], value: { lineId: 'line1', index: 0, limit: '1000', drawn: '800' } },
        {
          objectType: KeyType.capDraw,
          attributes: ['core', 'USD', 'BankAMSP', '000'],
          value: { ...capSlot, drawn: '800' },
        },
      ],
    },
  ],
];

const LEGITIMATE = [...SETUP, ...HISTORY];
const FIRST_FREE_BLOCK = String(LEGITIMATE.length);

const rightsBreaches = (report: VerifyReport) => report.breaches.filter((b) => ['write-rights', 'creator-rights'].includes(b.invariant));

describe('verify: who wrote what', () => {
  it('passes a legitimate history, skipping config and lifecycle transactions', async () => {
    const report = await verify(LEGITIMATE);
    expect(report.breaches).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.validTransactions).toBe(12);
  });

  it('reports a financing marked REPAID by scf.system:Heartbeat, with tx, block, key class, function and creator', async () => {
    const forged: TestTransaction = {
      txId: 'forged-repaid',
      fn: fcn(tx.system.Heartbeat),
      mspId: 'SuppliersMSP',
      writes: [{ objectType: KeyType.financing, attributes: ['f1'], value: financing('REPAID', '0') }],
    };
    const report = await verify([...LEGITIMATE, [forged]]);
    expect(report.ok).toBe(false);
    expect(rightsBreaches(report)).toEqual([
      {
        invariant: 'write-rights',
        message: expect.stringMatching(
          new RegExp(
            `^block ${FIRST_FREE_BLOCK} tx forged-repaid: scf\\.system:Heartbeat wrote scf\\.financing \\("/scf\\.financing/f1/"\\), which it never writes; creator SuppliersMSP x509::.*OU=client.*, participant supplier-1 \\(supplier, ACTIVE\\)$`,
          ),
        ) as unknown,
        transactions: [{ txId: 'forged-repaid', blockNumber: FIRST_FREE_BLOCK }],
      },
    ]);
  });

  it("reports a financing write by a function the supplier's role may not call", async () => {
    const forged: TestTransaction = {
      txId: 'forged-approve',
      fn: fcn(tx.financing.ApproveFinancing),
      mspId: 'SuppliersMSP',
      writes: [{ objectType: KeyType.financing, attributes: ['f1'], value: financing('REPAID', '0') }],
    };
    const breaches = rightsBreaches(await verify([...LEGITIMATE, [forged]]));
    expect(breaches.map((b) => [b.invariant, b.transactions])).toEqual([
      ['creator-rights', [{ txId: 'forged-approve', blockNumber: FIRST_FREE_BLOCK }]],
    ]);
    expect(breaches[0]?.message).toContain(
      'scf.financing:ApproveFinancing (roles: risk-gateway) wrote scf.financing for creator SuppliersMSP',
    );
    expect(breaches[0]?.message).toContain('participant supplier-1 (supplier, ACTIVE)');
    expect(breaches[0]?.message).toContain('FORBIDDEN ApproveFinancing is for risk-gateway, not supplier');
  });

  it('reports a participant written by a client that is not an org admin', async () => {
    const forged = { ...register('forged-register', 'SuppliersMSP', 'evil-bank', 'bank'), creatorCert: CLIENT_CERT };
    const breaches = rightsBreaches(await verify([...LEGITIMATE, [forged]]));
    expect(breaches.map((b) => [b.invariant, b.transactions[0]?.txId])).toEqual([['creator-rights', 'forged-register']]);
    expect(breaches[0]?.message).toMatch(
      /RegisterParticipant \(org admins\) wrote scf\.participant, scf\.identity, scf\.participant\.byOrg/,
    );
    expect(breaches[0]?.message).toContain('requires an org admin');
  });

  it('judges the creator against the registry as of the block: a suspended participant, an unregistered one', async () => {
    const suspend: TestTransaction = {
      txId: 'suspend',
      fn: fcn(tx.participant.SuspendParticipant),
      mspId: 'SuppliersMSP',
      creatorCert: ADMIN_CERT,
      writes: [
        {
          objectType: KeyType.participant,
          attributes: ['supplier-1'],
          value: { id: 'supplier-1', clientId: CLIENT_ID, mspId: 'SuppliersMSP', name: 's', role: 'supplier', status: 'SUSPENDED' },
        },
      ],
    };
    const heartbeat = (txId: string, mspId: string): TestTransaction => ({
      txId,
      fn: fcn(tx.system.Heartbeat),
      mspId,
      writes: [{ objectType: KeyType.heartbeat, attributes: [mspId, txId], value: { at: AT } }],
    });
    const dispute = (txId: string, mspId: string): TestTransaction => ({
      txId,
      fn: fcn(tx.receivable.DisputeReceivable),
      mspId,
      writes: [{ objectType: KeyType.receivable, attributes: ['r1'], value: receivable() }],
    });
    // Before the suspension supplier-1's heartbeat is fine; after it, not even a heartbeat. Nobody registered WarehouseMSP's client.
    const breaches = rightsBreaches(
      await verify([
        ...LEGITIMATE,
        [heartbeat('hb-before', 'SuppliersMSP'), suspend],
        [heartbeat('hb-after', 'SuppliersMSP')],
        [dispute('d', 'WarehouseMSP')],
      ]),
    );
    expect(breaches.map((b) => [b.transactions[0]?.txId, b.message.replace(/.* which the chaincode refuses: /, '')])).toEqual([
      ['hb-after', 'SUSPENDED participant supplier-1 is suspended'],
      ['d', 'NOT_REGISTERED the caller is not a registered participant'],
    ]);
  });

  it('reports key-level policies, deletes, unknown and read-only functions, and other chaincodes writing our namespace', async () => {
    const forged: TestTransaction[] = [
      {
        txId: 'policy',
        fn: fcn(tx.system.Heartbeat),
        mspId: 'SuppliersMSP',
        metadataWrites: [{ objectType: KeyType.receivable, attributes: ['r1'] }],
      },
      {
        txId: 'delete',
        fn: fcn(tx.financing.CancelFinancing),
        mspId: 'SuppliersMSP',
        writes: [{ objectType: KeyType.financingsByBank, attributes: ['BankAMSP', 'f1'], value: null, isDelete: true }],
      },
      {
        txId: 'unknown',
        fn: 'scf.financing:RepayPrincipal',
        mspId: 'BankAMSP',
        writes: [{ objectType: KeyType.financing, attributes: ['f1'], value: financing('ACTIVE', '800') }],
      },
      {
        txId: 'evaluate',
        fn: fcn(tx.financing.GetFinancing),
        mspId: 'BankAMSP',
        writes: [{ objectType: KeyType.financing, attributes: ['f1'], value: financing('ACTIVE', '800') }],
      },
      {
        txId: 'other-chaincode',
        fn: 'Anything',
        chaincode: 'evil',
        namespace: 'scf',
        mspId: 'BankAMSP',
        writes: [{ objectType: KeyType.financing, attributes: ['f1'], value: financing('ACTIVE', '800') }],
      },
      // An invalid transaction changed nothing: not judged.
      {
        txId: 'invalid',
        fn: fcn(tx.system.Heartbeat),
        validationCode: peer.TxValidationCode.ENDORSEMENT_POLICY_FAILURE,
        writes: [{ objectType: KeyType.financing, attributes: ['f1'], value: financing('REPAID', '0') }],
      },
    ];
    const breaches = rightsBreaches(await verify([...LEGITIMATE, forged]));
    expect(breaches.map((b) => [b.invariant, b.transactions[0]?.txId])).toEqual([
      ['write-rights', 'policy'],
      ['write-rights', 'delete'],
      ['write-rights', 'unknown'],
      ['write-rights', 'evaluate'],
      ['write-rights', 'other-chaincode'],
    ]);
    expect(breaches[2]?.message).toContain('"scf.financing:RepayPrincipal" is no transaction of the catalogue');
    expect(breaches[4]?.message).toContain(`chaincode "evil" ("Anything") wrote scf.financing in scf's namespace`);
  });

  it('judges private writes by their collection: the terms are written only by RecordTerms and RecordPledgeTerms', async () => {
    const terms = (txId: string, fn: string, mspId: string): TestTransaction => ({
      txId,
      fn,
      mspId,
      privateWrites: [{ collection: 'terms_BankAMSP_SuppliersMSP', key: `terms-${txId}`, value: '{"rateBps":"1"}' }],
    });
    const report = await verify([
      ...LEGITIMATE,
      [
        terms('recorded', fcn(tx.financing.RecordTerms), 'BankAMSP'),
        // A rogue chaincode's transaction that wrote nothing public, only the bank's terms.
        terms('forged-terms', 'forge', 'SuppliersMSP'),
        terms('wrong-function', fcn(tx.financing.ApproveFinancing), 'BankAMSP'),
      ],
    ]);
    const breaches = rightsBreaches(report).filter((b) => b.invariant === 'write-rights');
    expect(breaches.map((b) => b.transactions[0]?.txId)).toEqual(['forged-terms', 'wrong-function']);
    expect(breaches[0]?.message).toContain(
      '"forge" is no transaction of the catalogue, yet wrote private collection terms_BankAMSP_SuppliersMSP',
    );
    expect(breaches[1]?.message).toContain('scf.financing:ApproveFinancing wrote private collection terms_BankAMSP_SuppliersMSP (');
  });
});
