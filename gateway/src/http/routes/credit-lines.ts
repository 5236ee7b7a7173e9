import { tx } from '@scf/kernel/catalogue/catalogue';
import { Type } from 'typebox';
import {
  closeCreditLine,
  getCoreExposure,
  getCreditLine,
  getCreditLineHistory,
  grantCreditLine,
  listCreditLinesByBank,
  listCreditLinesByCore,
  setConsortiumCap,
  setCreditLineLimit,
} from '../../usecases/credit-lines';
import { logCommit } from '../log-commit';
import type { RouteModule } from '../route-context';
import { Committed, Currency, HistoryOf, Id, ListOf, MspId, readSchema, writeSchema } from '../schemas/common';
import {
  CapBody,
  ConsortiumCap,
  CoreExposure,
  CreditLine,
  CreditLineExposure,
  GrantCreditLineBody,
  LimitBody,
} from '../schemas/credit-lines';

const tag = 'credit lines';
const LineParams = Type.Object({ lineId: Id });
const CapParams = Type.Object({ coreId: Id, currency: Currency });

/** scf.creditline: banks' lines to core enterprises and the auditor's consortium caps. */
export const creditLineRoutes: RouteModule = (app, { ledgerOf, stores }) => {
  app.post(
    '/v1/credit-lines',
    {
      schema: writeSchema(
        {
          tag,
          summary: 'Grant a credit line to a core enterprise',
          description: "The line belongs to the caller's bank.",
          ledger: [tx.creditLine.GrantCreditLine],
        },
        { body: GrantCreditLineBody, response: { 201: Committed(CreditLine) } },
      ),
    },
    async (request, reply) =>
      reply.code(201).send(logCommit(request, await grantCreditLine(ledgerOf(request), request.body, stores.lineTerms))),
  );

  app.put(
    '/v1/credit-lines/:lineId/limit',
    {
      schema: writeSchema(
        {
          tag,
          summary: "Change a line's limit",
          description: "Only the line's bank; refused below what is drawn.",
          ledger: [tx.creditLine.SetCreditLineLimit],
        },
        { params: LineParams, body: LimitBody, response: { 200: Committed(CreditLine) } },
      ),
    },
    async (request) => logCommit(request, await setCreditLineLimit(ledgerOf(request), request.params.lineId, request.body.limit)),
  );

  app.post(
    '/v1/credit-lines/:lineId/close',
    {
      schema: writeSchema(
        {
          tag,
          summary: 'Close a line to new financings',
          description: "Only the line's bank; existing financings run to repayment.",
          ledger: [tx.creditLine.CloseCreditLine],
        },
        { params: LineParams, response: { 200: Committed(CreditLine) } },
      ),
    },
    async (request) => logCommit(request, await closeCreditLine(ledgerOf(request), request.params.lineId)),
  );

  app.get(
    '/v1/credit-lines/:lineId',
    {
      schema: readSchema(
        { tag, summary: 'A line with its drawn amount, headroom and tranches', ledger: [tx.creditLine.GetCreditLine] },
        { params: LineParams, response: { 200: CreditLineExposure } },
      ),
    },
    (request) => getCreditLine(ledgerOf(request), request.params.lineId),
  );

  app.get(
    '/v1/credit-lines/:lineId/history',
    {
      schema: readSchema(
        { tag, summary: 'Every committed version of a line, newest first', ledger: [tx.creditLine.GetCreditLineHistory] },
        { params: LineParams, response: { 200: HistoryOf(CreditLine) } },
      ),
    },
    (request) => getCreditLineHistory(ledgerOf(request), request.params.lineId),
  );

  app.get(
    '/v1/orgs/:mspId/credit-lines',
    {
      schema: readSchema(
        { tag, summary: 'The lines a bank granted', ledger: [tx.creditLine.ListCreditLinesByBank] },
        { params: Type.Object({ mspId: MspId }), response: { 200: ListOf(CreditLine) } },
      ),
    },
    (request) => listCreditLinesByBank(ledgerOf(request), request.params.mspId),
  );

  app.get(
    '/v1/participants/:participantId/credit-lines',
    {
      schema: readSchema(
        { tag, summary: 'The lines granted to a core enterprise', ledger: [tx.creditLine.ListCreditLinesByCore] },
        { params: Type.Object({ participantId: Id }), response: { 200: ListOf(CreditLine) } },
      ),
    },
    (request) => listCreditLinesByCore(ledgerOf(request), request.params.participantId),
  );

  app.put(
    '/v1/consortium-caps/:coreId/:currency',
    {
      schema: writeSchema(
        {
          tag,
          summary: 'Set the consortium cap on a core enterprise in one currency',
          description: 'Refused below what is drawn.',
          ledger: [tx.creditLine.SetConsortiumCap],
        },
        { params: CapParams, body: CapBody, response: { 200: Committed(ConsortiumCap) } },
      ),
    },
    async (request) =>
      logCommit(request, await setConsortiumCap(ledgerOf(request), request.params.coreId, request.params.currency, request.body.cap)),
  );

  app.get(
    '/v1/consortium-caps/:coreId/:currency',
    {
      schema: readSchema(
        { tag, summary: "A core enterprise's exposure across all banks against its cap", ledger: [tx.creditLine.GetCoreExposure] },
        { params: CapParams, response: { 200: CoreExposure } },
      ),
    },
    (request) => getCoreExposure(ledgerOf(request), request.params.coreId, request.params.currency),
  );
  return Promise.resolve();
};
