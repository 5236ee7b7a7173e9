import { tx } from '@scf/kernel/catalogue/catalogue';
import { Type } from 'typebox';
import {
  cancelFinancing,
  getFinancing,
  getFinancingHistory,
  getFinancingTerms,
  listFinancingsByBank,
  listFinancingsByBorrower,
  listFinancingsByReceivable,
  recordFinancingTerms,
  requestFinancing,
  verifyTermsDisclosure,
} from '../../usecases/financings';
import { logCommit } from '../log-commit';
import type { RouteModule } from '../route-context';
import { Committed, HistoryOf, Id, ListOf, MspId, readSchema, writeSchema } from '../schemas/common';
import { DisclosureCheck, Financing, FinancingTermsRecorded, PrivateTerms, RequestFinancingBody } from '../schemas/financings';

const tag = 'financing';
const FinancingParams = Type.Object({ financingId: Id });

/** scf.financing without the risk-gated decision (approve/reject live in risk.ts). */
export const financingRoutes: RouteModule = (app, { ledgerOf }) => {
  app.post(
    '/v1/financings',
    {
      schema: writeSchema(
        {
          tag,
          summary: 'Ask a bank to finance a receivable',
          description: 'Only the holder. The bank of lineId decides through its risk gate.',
          ledger: [tx.financing.RequestFinancing],
        },
        { body: RequestFinancingBody, response: { 201: Committed(Financing) } },
      ),
    },
    async (request, reply) => reply.code(201).send(logCommit(request, await requestFinancing(ledgerOf(request), request.body))),
  );

  app.post(
    '/v1/financings/:financingId/cancel',
    {
      schema: writeSchema(
        {
          tag,
          summary: 'Cancel a financing request',
          description: 'Only the borrower, while REQUESTED.',
          ledger: [tx.financing.CancelFinancing],
        },
        { params: FinancingParams, response: { 200: Committed(Financing) } },
      ),
    },
    async (request) => logCommit(request, await cancelFinancing(ledgerOf(request), request.params.financingId)),
  );

  app.post(
    '/v1/financings/:financingId/terms',
    {
      schema: writeSchema(
        {
          tag,
          summary: "Record the bank's private terms (once)",
          description:
            "Only an officer of the financing's bank. The body goes only in the transient map, endorsed by the bank's and the borrower org's peers; the channel sees a salted hash.",
          ledger: [tx.financing.RecordTerms],
        },
        { params: FinancingParams, body: PrivateTerms, response: { 201: Committed(FinancingTermsRecorded) } },
      ),
    },
    async (request, reply) =>
      reply.code(201).send(logCommit(request, await recordFinancingTerms(ledgerOf(request), request.params.financingId, request.body))),
  );

  app.get(
    '/v1/financings/:financingId/terms',
    {
      schema: readSchema(
        {
          tag,
          summary: 'Read the private terms',
          description: 'An officer or the risk gateway of that bank, or the borrower. Evaluated only, never submitted.',
          ledger: [tx.financing.GetTerms],
        },
        { params: FinancingParams, response: { 200: PrivateTerms } },
      ),
    },
    (request) => getFinancingTerms(ledgerOf(request), request.params.financingId),
  );

  app.post(
    '/v1/financings/:financingId/terms/verification',
    {
      schema: writeSchema(
        {
          tag,
          summary: 'Check disclosed terms against the on-chain hash',
          description: 'A query (nothing is written): the disclosed terms travel in the transient map.',
          ledger: [tx.financing.VerifyTermsDisclosure],
        },
        { params: FinancingParams, body: PrivateTerms, response: { 200: DisclosureCheck } },
      ),
    },
    (request) => verifyTermsDisclosure(ledgerOf(request), request.params.financingId, request.body),
  );

  app.get(
    '/v1/financings/:financingId',
    {
      schema: readSchema(
        { tag, summary: 'A financing', ledger: [tx.financing.GetFinancing] },
        { params: FinancingParams, response: { 200: Financing } },
      ),
    },
    (request) => getFinancing(ledgerOf(request), request.params.financingId),
  );

  app.get(
    '/v1/financings/:financingId/history',
    {
      schema: readSchema(
        { tag, summary: 'Every committed version of a financing, newest first', ledger: [tx.financing.GetFinancingHistory] },
        { params: FinancingParams, response: { 200: HistoryOf(Financing) } },
      ),
    },
    (request) => getFinancingHistory(ledgerOf(request), request.params.financingId),
  );

  app.get(
    '/v1/orgs/:mspId/financings',
    {
      schema: readSchema(
        { tag, summary: 'The financings of a bank', ledger: [tx.financing.ListFinancingsByBank] },
        { params: Type.Object({ mspId: MspId }), response: { 200: ListOf(Financing) } },
      ),
    },
    (request) => listFinancingsByBank(ledgerOf(request), request.params.mspId),
  );

  app.get(
    '/v1/participants/:participantId/financings',
    {
      schema: readSchema(
        { tag, summary: 'The financings a participant borrowed', ledger: [tx.financing.ListFinancingsByBorrower] },
        { params: Type.Object({ participantId: Id }), response: { 200: ListOf(Financing) } },
      ),
    },
    (request) => listFinancingsByBorrower(ledgerOf(request), request.params.participantId),
  );

  app.get(
    '/v1/receivables/:receivableId/financings',
    {
      schema: readSchema(
        { tag, summary: 'The financings of a receivable', ledger: [tx.financing.ListFinancingsByReceivable] },
        { params: Type.Object({ receivableId: Id }), response: { 200: ListOf(Financing) } },
      ),
    },
    (request) => listFinancingsByReceivable(ledgerOf(request), request.params.receivableId),
  );
  return Promise.resolve();
};
