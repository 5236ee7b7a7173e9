import { describeNetwork } from '@scf/network';
import { Type } from 'typebox';
import type { Caller } from '../auth/credentials';
import { callerOf } from '../http/auth';
import { ApiError } from '../http/errors';
import type { RouteModule } from '../routes/route-context';
import { Id, readSchema } from '../routes/schemas/common';
import { assetHistory, receivableLineage, TransactionLocator } from './history';
import { QsccBlockReader } from './qscc-reader';
import { verifyChain } from './verify';
import { call, type EvaluateCall, tx } from '@scf/kernel/catalogue/catalogue';
import { ErrorCode } from '@scf/kernel/errors';

const tag = 'audit';
const IdParams = Type.Object({ id: Id });
const Loose = (description: string) => Type.Object({}, { additionalProperties: true, description });

const ASSETS: readonly { path: string; history: (id: string) => EvaluateCall }[] = [
  { path: 'financings', history: (financingId) => call(tx.financing.GetFinancingHistory, { financingId }) },
  { path: 'credit-lines', history: (lineId) => call(tx.creditLine.GetCreditLineHistory, { lineId }) },
  { path: 'warehouse-receipts', history: (receiptId) => call(tx.warehouse.GetReceiptHistory, { receiptId }) },
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
  for (const { path, history } of ASSETS) {
    app.get(
      `/v1/audit/${path}/:id/history`,
      {
        schema: readSchema(
          { tag, summary: `Every version of one ${path.replace(/s$/, '').replace('-', ' ')}, with tx id, block, time and creator` },
          { params: IdParams, response: { 200: Loose('{id, versions}') } },
        ),
      },
      (request) => assetHistory(ledgerOf(request), locatorFor(callerOf(request)), history(request.params.id), request.params.id),
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
