import './testing/quiet-logs';
import { JSONSerializer } from 'fabric-contract-api';
import { contracts } from './index';

interface Metadata {
  readonly contracts: Record<
    string,
    { transactions: { name: string; tag?: string[]; parameters?: { name: string; schema: { type?: string } }[] }[] }
  >;
}

// fabric-shim's own loader, exactly what `fabric-chaincode-node server` runs over dist/index.js.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ChaincodeFromContract = require('fabric-shim/lib/contract-spi/chaincodefromcontract.js') as new (
  contracts: unknown[],
  serializers: unknown,
  metadata: unknown,
  title: string,
  version: string,
) => { metadata: Metadata; defaultContractName: string };

describe('the chaincode as fabric-shim loads it', () => {
  const chaincode = new ChaincodeFromContract(
    contracts,
    { transaction: 'jsonSerializer', serializers: { jsonSerializer: JSONSerializer } },
    {},
    'scf',
    '0.1.0',
  );

  it('serves the seven contracts with scf.system as the default', () => {
    expect(chaincode.defaultContractName).toBe('scf.system');
    expect(Object.keys(chaincode.metadata.contracts).filter((name) => name.startsWith('scf.'))).toEqual([
      'scf.system',
      'scf.participant',
      'scf.creditline',
      'scf.receivable',
      'scf.financing',
      'scf.repayment',
      'scf.warehouse',
    ]);
  });

  it('declares every parameter as a string and every transaction as submit or evaluate', () => {
    for (const [name, contract] of Object.entries(chaincode.metadata.contracts)) {
      if (!name.startsWith('scf.')) {
        continue;
      }
      for (const tx of contract.transactions) {
        expect([['SUBMIT', 'submitTx'], ['EVALUATE']]).toContainEqual(tx.tag);
        for (const parameter of tx.parameters ?? []) {
          expect([tx.name, parameter.name, parameter.schema.type]).toEqual([tx.name, parameter.name, 'string']);
        }
      }
    }
  });
});
