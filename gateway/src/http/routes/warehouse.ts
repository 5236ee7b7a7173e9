import { tx } from '@scf/kernel/catalogue/catalogue';
import { Type } from 'typebox';
import {
  cancelPledge,
  getPledge,
  getPledgeHistory,
  getPledgeTerms,
  getPrice,
  getReceipt,
  getReceiptHistory,
  issueReceipt,
  listReceiptsByOwner,
  recordPledgeTerms,
  redeemReceipt,
  releasePledge,
  requestPledge,
  setPrice,
} from '../../usecases/warehouse';
import { logCommit } from '../log-commit';
import type { RouteModule } from '../route-context';
import { Committed, HistoryOf, Id, ListOf, readSchema, writeSchema } from '../schemas/common';
import { PrivateTerms } from '../schemas/financings';
import {
  CommodityPrice,
  IssueReceiptBody,
  Pledge,
  PledgeTermsRecorded,
  PriceBody,
  PriceSet,
  RequestPledgeBody,
  WarehouseReceipt,
} from '../schemas/warehouse';

const tag = 'warehouse';
const ReceiptParams = Type.Object({ receiptId: Id });
const PledgeParams = Type.Object({ pledgeId: Id });
const PriceParams = Type.Object({ commodity: Id, grade: Id, unit: Id });

/** scf.warehouse: receipts, oracle prices, pledges of receipts to banks. */
export const warehouseRoutes: RouteModule = (app, { ledgerOf }) => {
  app.post(
    '/v1/warehouse-receipts',
    {
      schema: writeSchema(
        {
          tag,
          summary: 'Issue a warehouse receipt for one lot',
          description: 'A lot (warehouse, location, lotId) backs one receipt ever.',
          ledger: [tx.warehouse.IssueReceipt],
        },
        { body: IssueReceiptBody, response: { 201: Committed(WarehouseReceipt) } },
      ),
    },
    async (request, reply) => reply.code(201).send(logCommit(request, await issueReceipt(ledgerOf(request), request.body))),
  );

  app.post(
    '/v1/warehouse-receipts/:receiptId/redeem',
    {
      schema: writeSchema(
        {
          tag,
          summary: 'Redeem (withdraw the goods of) an unpledged receipt',
          description: 'Only the warehouse that issued it.',
          ledger: [tx.warehouse.RedeemReceipt],
        },
        { params: ReceiptParams, response: { 200: Committed(WarehouseReceipt) } },
      ),
    },
    async (request) => logCommit(request, await redeemReceipt(ledgerOf(request), request.params.receiptId)),
  );

  app.get(
    '/v1/warehouse-receipts/:receiptId',
    {
      schema: readSchema(
        { tag, summary: 'A warehouse receipt', ledger: [tx.warehouse.GetReceipt] },
        { params: ReceiptParams, response: { 200: WarehouseReceipt } },
      ),
    },
    (request) => getReceipt(ledgerOf(request), request.params.receiptId),
  );

  app.get(
    '/v1/warehouse-receipts/:receiptId/history',
    {
      schema: readSchema(
        { tag, summary: 'Every committed version of a receipt, newest first', ledger: [tx.warehouse.GetReceiptHistory] },
        { params: ReceiptParams, response: { 200: HistoryOf(WarehouseReceipt) } },
      ),
    },
    (request) => getReceiptHistory(ledgerOf(request), request.params.receiptId),
  );

  app.get(
    '/v1/participants/:participantId/warehouse-receipts',
    {
      schema: readSchema(
        { tag, summary: 'The receipts a participant owns', ledger: [tx.warehouse.ListReceiptsByOwner] },
        { params: Type.Object({ participantId: Id }), response: { 200: ListOf(WarehouseReceipt) } },
      ),
    },
    (request) => listReceiptsByOwner(ledgerOf(request), request.params.participantId),
  );

  app.put(
    '/v1/prices/:commodity/:grade/:unit',
    {
      schema: writeSchema(
        {
          tag,
          summary: 'Set the unit price of a commodity grade',
          description: 'Every live pledge on it is revalued (margin calls).',
          ledger: [tx.warehouse.SetPrice],
        },
        { params: PriceParams, body: PriceBody, response: { 200: Committed(PriceSet) } },
      ),
    },
    async (request) => logCommit(request, await setPrice(ledgerOf(request), request.params, request.body)),
  );

  app.get(
    '/v1/prices/:commodity/:grade/:unit',
    {
      schema: readSchema(
        { tag, summary: 'The current unit price (404 if never set)', ledger: [tx.warehouse.GetPrice] },
        { params: PriceParams, response: { 200: CommodityPrice } },
      ),
    },
    (request) => getPrice(ledgerOf(request), request.params),
  );

  app.post(
    '/v1/pledges',
    {
      schema: writeSchema(
        {
          tag,
          summary: 'Ask a bank for a loan against a receipt',
          description: "Only the receipt's owner.",
          ledger: [tx.warehouse.RequestPledge],
        },
        { body: RequestPledgeBody, response: { 201: Committed(Pledge) } },
      ),
    },
    async (request, reply) => reply.code(201).send(logCommit(request, await requestPledge(ledgerOf(request), request.body))),
  );

  app.post(
    '/v1/pledges/:pledgeId/cancel',
    {
      schema: writeSchema(
        { tag, summary: 'Cancel a pledge request', description: 'Only the owner, while REQUESTED.', ledger: [tx.warehouse.CancelPledge] },
        { params: PledgeParams, response: { 200: Committed(Pledge) } },
      ),
    },
    async (request) => logCommit(request, await cancelPledge(ledgerOf(request), request.params.pledgeId)),
  );

  app.post(
    '/v1/pledges/:pledgeId/release',
    {
      schema: writeSchema(
        {
          tag,
          summary: 'Release a pledge (loan repaid) and free the receipt',
          description: "Only the pledge's bank.",
          ledger: [tx.warehouse.ReleasePledge],
        },
        { params: PledgeParams, response: { 200: Committed(Pledge) } },
      ),
    },
    async (request) => logCommit(request, await releasePledge(ledgerOf(request), request.params.pledgeId)),
  );

  app.post(
    '/v1/pledges/:pledgeId/terms',
    {
      schema: writeSchema(
        {
          tag,
          summary: "Record the bank's private terms of a pledge loan (once)",
          description: "Only the pledge's bank. Transient only, endorsed by the bank's and the owner org's peers.",
          ledger: [tx.warehouse.RecordPledgeTerms],
        },
        { params: PledgeParams, body: PrivateTerms, response: { 201: Committed(PledgeTermsRecorded) } },
      ),
    },
    async (request, reply) =>
      reply.code(201).send(logCommit(request, await recordPledgeTerms(ledgerOf(request), request.params.pledgeId, request.body))),
  );

  app.get(
    '/v1/pledges/:pledgeId/terms',
    {
      schema: readSchema(
        {
          tag,
          summary: "Read a pledge loan's private terms",
          description: "The pledge's bank, or the owner. Evaluated only.",
          ledger: [tx.warehouse.GetPledgeTerms],
        },
        { params: PledgeParams, response: { 200: PrivateTerms } },
      ),
    },
    (request) => getPledgeTerms(ledgerOf(request), request.params.pledgeId),
  );

  app.get(
    '/v1/pledges/:pledgeId',
    {
      schema: readSchema(
        { tag, summary: 'A pledge', ledger: [tx.warehouse.GetPledge] },
        { params: PledgeParams, response: { 200: Pledge } },
      ),
    },
    (request) => getPledge(ledgerOf(request), request.params.pledgeId),
  );

  app.get(
    '/v1/pledges/:pledgeId/history',
    {
      schema: readSchema(
        { tag, summary: 'Every committed version of a pledge, newest first', ledger: [tx.warehouse.GetPledgeHistory] },
        { params: PledgeParams, response: { 200: HistoryOf(Pledge) } },
      ),
    },
    (request) => getPledgeHistory(ledgerOf(request), request.params.pledgeId),
  );
  return Promise.resolve();
};
