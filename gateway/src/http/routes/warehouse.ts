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
          description: 'Role: warehouse. A lot (warehouse, location, lotId) backs one receipt ever. scf.warehouse:IssueReceipt.',
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
          description: 'Role: the warehouse that issued it. scf.warehouse:RedeemReceipt.',
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
        { tag, summary: 'A warehouse receipt', description: 'scf.warehouse:GetReceipt.' },
        { params: ReceiptParams, response: { 200: WarehouseReceipt } },
      ),
    },
    (request) => getReceipt(ledgerOf(request), request.params.receiptId),
  );

  app.get(
    '/v1/warehouse-receipts/:receiptId/history',
    {
      schema: readSchema(
        { tag, summary: 'Every committed version of a receipt, newest first', description: 'scf.warehouse:GetReceiptHistory.' },
        { params: ReceiptParams, response: { 200: HistoryOf(WarehouseReceipt) } },
      ),
    },
    (request) => getReceiptHistory(ledgerOf(request), request.params.receiptId),
  );

  app.get(
    '/v1/participants/:participantId/warehouse-receipts',
    {
      schema: readSchema(
        { tag, summary: 'The receipts a participant owns', description: 'scf.warehouse:ListReceiptsByOwner.' },
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
          description: 'Role: price-oracle. Every live pledge on it is revalued (margin calls). scf.warehouse:SetPrice.',
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
        { tag, summary: 'The current unit price (404 if never set)', description: 'scf.warehouse:GetPrice.' },
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
          description: "Role: supplier or core-enterprise, the receipt's owner. scf.warehouse:RequestPledge.",
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
        { tag, summary: 'Cancel a pledge request', description: 'Role: the owner, while REQUESTED. scf.warehouse:CancelPledge.' },
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
          description: 'Role: bank of that bank. scf.warehouse:ReleasePledge.',
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
          description:
            "Role: bank of that bank. Transient only, endorsed by the bank's and the owner org's peers. scf.warehouse:RecordPledgeTerms.",
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
          description: 'Role: bank of that bank, or the owner. Evaluated only. scf.warehouse:GetPledgeTerms.',
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
        { tag, summary: 'A pledge', description: 'scf.warehouse:GetPledge.' },
        { params: PledgeParams, response: { 200: Pledge } },
      ),
    },
    (request) => getPledge(ledgerOf(request), request.params.pledgeId),
  );

  app.get(
    '/v1/pledges/:pledgeId/history',
    {
      schema: readSchema(
        { tag, summary: 'Every committed version of a pledge, newest first', description: 'scf.warehouse:GetPledgeHistory.' },
        { params: PledgeParams, response: { 200: HistoryOf(Pledge) } },
      ),
    },
    (request) => getPledgeHistory(ledgerOf(request), request.params.pledgeId),
  );
  return Promise.resolve();
};
