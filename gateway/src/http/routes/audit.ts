import type { Caller } from '../../auth/credentials';
import { callerOf } from '../auth';
import { ApiError } from '../errors';
import type { BlockReaderDirectory } from '../../ledger/qscc-reader';
import type { RouteModule } from '../route-context';
import { readSchema } from '../schemas/common';
import { IdParams, Loose, SkippedPage, SkippedQuery } from '../schemas/audit';
import { call, type EvaluateCall, tx } from '@scf/kernel/catalogue/catalogue';
import { assetHistory, receivableLineage, TransactionLocator } from '../../audit/history';
import { verifyChain } from '../../audit/verify';
import { ErrorCode } from '@scf/kernel/errors';

const tag = 'audit';

const ASSETS: readonly { path: string; history: (id: string) => EvaluateCall }[] = [
  { path: 'financings', history: (financingId) => call(tx.financing.GetFinancingHistory, { financingId }) },
  { path: 'credit-lines', history: (lineId) => call(tx.creditLine.GetCreditLineHistory, { lineId }) },
  { path: 'warehouse-receipts', history: (receiptId) => call(tx.warehouse.GetReceiptHistory, { receiptId }) },
];

/**
 * Audit trails read from the ledger itself (history as the caller, block and creator from qscc)
 * and the auditor's chain verification against the read model. `readers`: the qscc block readers
 * the composition root opened; `chaincode`: the chaincode's name on the channel.
 */
export function auditRoutes(readers: BlockReaderDirectory, chaincode: string): RouteModule {
  return (app, { ledgerOf, stores }) => {
    const readerOf = (caller: Caller) => readers.forIdentity(caller.identity);
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
        config: { heavy: true },
        schema: readSchema(
          { tag, summary: 'Verify the chain (hashes, validation codes vs the read model, invariants); auditor only' },
          { response: { 200: Loose('{ok, height, transactions, validTransactions, readModelNextBlock, breaches}') } },
        ),
      },
      async (request) => {
        const caller = callerOf(request);
        if (caller.role !== 'auditor') {
          throw new ApiError(ErrorCode.FORBIDDEN, 'only the auditor verifies the chain');
        }
        return verifyChain({ reader: readerOf(caller), readModel: readModel.repository, chaincode });
      },
    );
    app.get(
      '/v1/audit/skipped-transactions',
      {
        schema: readSchema(
          {
            tag,
            summary:
              'Committed transactions whose writes the read model could not project or store, with the error (the blocks after them are projected); auditor only',
          },
          { querystring: SkippedQuery, response: { 200: SkippedPage } },
        ),
      },
      async (request) => {
        if (callerOf(request).role !== 'auditor') {
          throw new ApiError(ErrorCode.FORBIDDEN, 'only the auditor reads the skipped transactions');
        }
        const { limit = 50, offset = 0 } = request.query;
        const [items, status] = await Promise.all([readModel.repository.skippedTransactions(limit, offset), readModel.repository.status()]);
        return { total: status.skippedCount, items };
      },
    );
    return Promise.resolve();
  };
}
