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
export const creditLineRoutes: RouteModule = (app, { ledgerOf }) => {
  app.post(
    '/v1/credit-lines',
    {
      schema: writeSchema(
        {
          tag,
          summary: 'Grant a credit line to a core enterprise',
          description: "Role: bank (the line belongs to the caller's bank). scf.creditline:GrantCreditLine.",
        },
        { body: GrantCreditLineBody, response: { 201: Committed(CreditLine) } },
      ),
    },
    async (request, reply) => reply.code(201).send(logCommit(request, await grantCreditLine(ledgerOf(request), request.body))),
  );

  app.put(
    '/v1/credit-lines/:lineId/limit',
    {
      schema: writeSchema(
        {
          tag,
          summary: "Change a line's limit",
          description: 'Role: bank of the line; refused below what is drawn. scf.creditline:SetCreditLineLimit.',
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
          description: 'Role: bank of the line; existing financings run to repayment. scf.creditline:CloseCreditLine.',
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
        { tag, summary: 'A line with its drawn amount, headroom and tranches', description: 'scf.creditline:GetCreditLine.' },
        { params: LineParams, response: { 200: CreditLineExposure } },
      ),
    },
    (request) => getCreditLine(ledgerOf(request), request.params.lineId),
  );

  app.get(
    '/v1/credit-lines/:lineId/history',
    {
      schema: readSchema(
        { tag, summary: 'Every committed version of a line, newest first', description: 'scf.creditline:GetCreditLineHistory.' },
        { params: LineParams, response: { 200: HistoryOf(CreditLine) } },
      ),
    },
    (request) => getCreditLineHistory(ledgerOf(request), request.params.lineId),
  );

  app.get(
    '/v1/orgs/:mspId/credit-lines',
    {
      schema: readSchema(
        { tag, summary: 'The lines a bank granted', description: 'scf.creditline:ListCreditLinesByBank.' },
        { params: Type.Object({ mspId: MspId }), response: { 200: ListOf(CreditLine) } },
      ),
    },
    (request) => listCreditLinesByBank(ledgerOf(request), request.params.mspId),
  );

  app.get(
    '/v1/participants/:participantId/credit-lines',
    {
      schema: readSchema(
        { tag, summary: 'The lines granted to a core enterprise', description: 'scf.creditline:ListCreditLinesByCore.' },
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
          description: 'Role: auditor; refused below what is drawn. scf.creditline:SetConsortiumCap.',
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
        { tag, summary: "A core enterprise's exposure across all banks against its cap", description: 'scf.creditline:GetCoreExposure.' },
        { params: CapParams, response: { 200: CoreExposure } },
      ),
    },
    (request) => getCoreExposure(ledgerOf(request), request.params.coreId, request.params.currency),
  );
  return Promise.resolve();
};
