import { describeNetwork } from '@scf/network';
import { Type } from 'typebox';
import type { Caller } from '../../auth/credentials';
import { callerOf } from '../auth';
import { ApiError } from '../errors';
import type { RouteModule } from '../route-context';
import { Id, readSchema } from '../schemas/common';
import type { Contract } from '../../usecases/ledger-json';
import { assetHistory, receivableLineage, TransactionLocator } from '../../audit/history';
import { QsccBlockReader } from '../../ledger/qscc-reader';
import { verifyChain } from '../../audit/verify';
import { ErrorCode } from '@scf/kernel/errors';

const tag = 'audit';
const IdParams = Type.Object({ id: Id });
const Loose = (description: string) => Type.Object({}, { additionalProperties: true, description });

const ASSETS: readonly { path: string; contract: Contract; historyTx: string }[] = [
  { path: 'financings', contract: 'scf.financing', historyTx: 'GetFinancingHistory' },
  { path: 'credit-lines', contract: 'scf.creditline', historyTx: 'GetCreditLineHistory' },
  { path: 'warehouse-receipts', contract: 'scf.warehouse', historyTx: 'GetReceiptHistory' },
];

/**
 * Audit trails read from the ledger itself (history as the caller, block and creator from qscc)
 * and the auditor's chain verification against the read model.
 */
export const auditRoutes: RouteModule = (app, { ledgerOf, stores }) => {
  // Described on first use: the crypto material exists only once the network has been generated.
  let network: ReturnType<typeof describeNetwork> | undefined;
  const networkOnce = (): ReturnType<typeof describeNetwork> => (network ??= describeNetwork());
  const readers = new Map<string, QsccBlockReader>();
  const readerOf = (caller: Caller): QsccBlockReader => {
    let reader = readers.get(caller.credential);
    if (!reader) {
      reader = new QsccBlockReader(networkOnce(), caller.identity);
      readers.set(caller.credential, reader);
    }
    return reader;
  };
  app.addHook('onClose', () => {
    for (const reader of readers.values()) {
      reader.close();
    }
  });
  const locatorFor = (caller: Caller): TransactionLocator => new TransactionLocator(readerOf(caller), stores.readModel?.repository);

  app.get(
    '/v1/audit/receivables/:id/history',
    {
      schema: readSchema(
        { tag, summary: 'Every version of every receivable of the split tree, with tx id, block, time and creator' },
        { params: IdParams, response: { 200: Loose('{rootId, receivables: [{id, parentId, childIds, versions}]}') } },
      ),
    },
    (request) => receivableLineage(ledgerOf(request), locatorFor(callerOf(request)), request.params.id),
  );
  for (const { path, contract, historyTx } of ASSETS) {
    app.get(
      `/v1/audit/${path}/:id/history`,
      {
        schema: readSchema(
          { tag, summary: `Every version of one ${path.replace(/s$/, '').replace('-', ' ')}, with tx id, block, time and creator` },
          { params: IdParams, response: { 200: Loose('{id, versions}') } },
        ),
      },
      (request) => assetHistory(ledgerOf(request), locatorFor(callerOf(request)), contract, historyTx, request.params.id),
    );
  }

  const readModel = stores.readModel;
  if (!readModel) {
    return Promise.resolve();
  }
  app.post(
    '/v1/audit/verify',
    {
      schema: readSchema(
        { tag, summary: 'Verify the chain (hashes, validation codes vs the read model, invariants); auditor only' },
        { response: { 200: Loose('{ok, height, transactions, validTransactions, readModelNextBlock, breaches}') } },
      ),
    },
    async (request) => {
      const caller = callerOf(request);
      if (caller.role !== 'auditor') {
        throw new ApiError(403, ErrorCode.FORBIDDEN, 'only the auditor verifies the chain');
      }
      return verifyChain({ reader: readerOf(caller), readModel: readModel.repository, chaincode: networkOnce().chaincode });
    },
  );
  return Promise.resolve();
};
