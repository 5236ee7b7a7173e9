import { tx } from '@scf/kernel/catalogue/catalogue';
import { Type } from 'typebox';
import {
  acceptDilution,
  confirmReceivable,
  disputeReceivable,
  getReceivable,
  getReceivableHistory,
  issueReceivable,
  listDilutionRequests,
  listDilutions,
  listReceivablesByDebtor,
  listReceivablesByHolder,
  pendingDilutionsFor,
  recordDilution,
  rejectDilution,
  requestDilution,
  splitReceivable,
  transferReceivable,
  withdrawDilution,
} from '../../usecases/receivables';
import { logCommit } from '../log-commit';
import type { RouteModule } from '../route-context';
import { Committed, HistoryOf, Id, ListOf, readSchema, writeSchema } from '../schemas/common';
import {
  AcceptDilutionResult,
  Dilution,
  DilutionBody,
  DilutionRequest,
  DilutionRequestBody,
  DilutionResult,
  PendingDilution,
  RejectDilutionBody,
  DisputeBody,
  IssueReceivableBody,
  Receivable,
  SplitBody,
  SplitResult,
  TransferBody,
} from '../schemas/receivables';

const tag = 'receivables';
const ReceivableParams = Type.Object({ receivableId: Id });
const DilutionRequestParams = Type.Object({ receivableId: Id, dilutionId: Id });
const PartyQuery = Type.Object({
  as: Type.Enum(['holder', 'debtor'], { description: 'holder: the receivables the participant holds; debtor: those it owes' }),
});

/** scf.receivable: issue, confirm or dispute, split and transfer, dilute. */
export const receivableRoutes: RouteModule = (app, { ledgerOf }) => {
  app.post(
    '/v1/receivables',
    {
      schema: writeSchema(
        {
          tag,
          summary: 'Issue a receivable on a core enterprise from an invoice',
          description: 'The caller becomes creditor and holder.',
          ledger: [tx.receivable.IssueReceivable],
        },
        { body: IssueReceivableBody, response: { 201: Committed(Receivable) } },
      ),
    },
    async (request, reply) => reply.code(201).send(logCommit(request, await issueReceivable(ledgerOf(request), request.body))),
  );

  app.post(
    '/v1/receivables/:receivableId/confirm',
    {
      schema: writeSchema(
        {
          tag,
          summary: 'Confirm a receivable',
          description: "Only the debtor. From now on changes need the debtor's and the holder's orgs to endorse.",
          ledger: [tx.receivable.ConfirmReceivable],
        },
        { params: ReceivableParams, response: { 200: Committed(Receivable) } },
      ),
    },
    async (request) => logCommit(request, await confirmReceivable(ledgerOf(request), request.params.receivableId)),
  );

  app.post(
    '/v1/receivables/:receivableId/dispute',
    {
      schema: writeSchema(
        {
          tag,
          summary: 'Dispute an issued receivable',
          description: 'Only the debtor, while ISSUED.',
          ledger: [tx.receivable.DisputeReceivable],
        },
        { params: ReceivableParams, body: DisputeBody, response: { 200: Committed(Receivable) } },
      ),
    },
    async (request) => logCommit(request, await disputeReceivable(ledgerOf(request), request.params.receivableId, request.body.reason)),
  );

  app.post(
    '/v1/receivables/:receivableId/split',
    {
      schema: writeSchema(
        {
          tag,
          summary: 'Split a receivable into parts, each kept or passed upstream',
          description: 'Only the holder.',
          ledger: [tx.receivable.SplitReceivable],
        },
        { params: ReceivableParams, body: SplitBody, response: { 201: Committed(SplitResult) } },
      ),
    },
    async (request, reply) =>
      reply.code(201).send(logCommit(request, await splitReceivable(ledgerOf(request), request.params.receivableId, request.body.parts))),
  );

  app.post(
    '/v1/receivables/:receivableId/transfer',
    {
      schema: writeSchema(
        {
          tag,
          summary: 'Transfer everything outstanding to an upstream supplier',
          description: 'Only the holder. A one-part split of the outstanding amount (read first).',
          ledger: [tx.receivable.SplitReceivable],
        },
        { params: ReceivableParams, body: TransferBody, response: { 201: Committed(SplitResult) } },
      ),
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          logCommit(
            request,
            await transferReceivable(ledgerOf(request), request.params.receivableId, request.body.newReceivableId, request.body.holderId),
          ),
        ),
  );

  app.post(
    '/v1/receivables/:receivableId/dilutions',
    {
      schema: writeSchema(
        {
          tag,
          summary: "Record the holder's own credit note or return",
          description:
            'Only the holder, in one step (the debtor asks with POST …/dilution-requests and the holder accepts). On a financed receivable it may take only the margin above the live principal (more is 409 ENCUMBERED until the principal is repaid), and coverage is re-checked.',
          ledger: [tx.receivable.RecordDilution],
        },
        { params: ReceivableParams, body: DilutionBody, response: { 201: Committed(DilutionResult) } },
      ),
    },
    async (request, reply) =>
      reply.code(201).send(logCommit(request, await recordDilution(ledgerOf(request), request.params.receivableId, request.body))),
  );

  app.post(
    '/v1/receivables/:receivableId/dilution-requests',
    {
      schema: writeSchema(
        {
          tag,
          summary: 'Debtor: ask the holder to accept a credit note or return',
          description:
            'Only the debtor. Nothing changes on the receivable until the holder accepts before expiresAt; the request is listed for the holder (GET /v1/me/pending-dilutions).',
          ledger: [tx.receivable.RequestDilution],
        },
        { params: ReceivableParams, body: DilutionRequestBody, response: { 201: Committed(DilutionRequest) } },
      ),
    },
    async (request, reply) =>
      reply.code(201).send(logCommit(request, await requestDilution(ledgerOf(request), request.params.receivableId, request.body))),
  );

  app.get(
    '/v1/receivables/:receivableId/dilution-requests',
    {
      schema: readSchema(
        {
          tag,
          summary: "The debtor's dilution requests on a receivable, whatever their status",
          ledger: [tx.receivable.ListDilutionRequests],
        },
        { params: ReceivableParams, response: { 200: ListOf(DilutionRequest) } },
      ),
    },
    (request) => listDilutionRequests(ledgerOf(request), request.params.receivableId),
  );

  app.post(
    '/v1/receivables/:receivableId/dilution-requests/:dilutionId/accept',
    {
      schema: writeSchema(
        {
          tag,
          summary: "Holder: accept the debtor's credit note or return",
          description:
            'Only the holder, before expiresAt (later is 409 CONSENT_EXPIRED). It takes effect now, judged on the receivable as it is now: on a financed receivable only within the margin above the live principal (more is 409 ENCUMBERED).',
          ledger: [tx.receivable.AcceptDilution],
        },
        { params: DilutionRequestParams, response: { 200: Committed(AcceptDilutionResult) } },
      ),
    },
    async (request) => logCommit(request, await acceptDilution(ledgerOf(request), request.params.receivableId, request.params.dilutionId)),
  );

  app.post(
    '/v1/receivables/:receivableId/dilution-requests/:dilutionId/reject',
    {
      schema: writeSchema(
        {
          tag,
          summary: "Holder: reject the debtor's credit note or return",
          description: 'Only the holder, while the request is pending (expired or not). Nothing changes on the receivable.',
          ledger: [tx.receivable.RejectDilution],
        },
        { params: DilutionRequestParams, body: RejectDilutionBody, response: { 200: Committed(DilutionRequest) } },
      ),
    },
    async (request) =>
      logCommit(
        request,
        await rejectDilution(ledgerOf(request), request.params.receivableId, request.params.dilutionId, request.body.reason),
      ),
  );

  app.post(
    '/v1/receivables/:receivableId/dilution-requests/:dilutionId/withdraw',
    {
      schema: writeSchema(
        {
          tag,
          summary: 'Debtor: withdraw its pending dilution request',
          description: 'Only the debtor that asked, while the request is pending (expired or not).',
          ledger: [tx.receivable.WithdrawDilution],
        },
        { params: DilutionRequestParams, response: { 200: Committed(DilutionRequest) } },
      ),
    },
    async (request) =>
      logCommit(request, await withdrawDilution(ledgerOf(request), request.params.receivableId, request.params.dilutionId)),
  );

  app.get(
    '/v1/me/pending-dilutions',
    {
      schema: readSchema(
        {
          tag,
          summary: "Holder: the debtors' dilution requests waiting for the caller to accept or reject, with their expiry",
          ledger: [tx.participant.WhoAmI, tx.receivable.ListPendingDilutions],
        },
        { response: { 200: ListOf(PendingDilution) } },
      ),
    },
    (request) => pendingDilutionsFor(ledgerOf(request), Date.now() / 1000),
  );

  app.get(
    '/v1/receivables/:receivableId/dilutions',
    {
      schema: readSchema(
        { tag, summary: 'The dilutions of a receivable', ledger: [tx.receivable.ListDilutions] },
        { params: ReceivableParams, response: { 200: ListOf(Dilution) } },
      ),
    },
    (request) => listDilutions(ledgerOf(request), request.params.receivableId),
  );

  app.get(
    '/v1/receivables/:receivableId',
    {
      schema: readSchema(
        { tag, summary: 'A receivable', ledger: [tx.receivable.GetReceivable] },
        { params: ReceivableParams, response: { 200: Receivable } },
      ),
    },
    (request) => getReceivable(ledgerOf(request), request.params.receivableId),
  );

  app.get(
    '/v1/receivables/:receivableId/history',
    {
      schema: readSchema(
        { tag, summary: 'Every committed version of a receivable, newest first', ledger: [tx.receivable.GetReceivableHistory] },
        { params: ReceivableParams, response: { 200: HistoryOf(Receivable) } },
      ),
    },
    (request) => getReceivableHistory(ledgerOf(request), request.params.receivableId),
  );

  app.get(
    '/v1/participants/:participantId/receivables',
    {
      schema: readSchema(
        {
          tag,
          summary: 'The receivables a participant holds (as=holder) or owes (as=debtor)',
          ledger: [tx.receivable.ListReceivablesByHolder, tx.receivable.ListReceivablesByDebtor],
        },
        { params: Type.Object({ participantId: Id }), querystring: PartyQuery, response: { 200: ListOf(Receivable) } },
      ),
    },
    (request) => {
      const list = request.query.as === 'holder' ? listReceivablesByHolder : listReceivablesByDebtor;
      return list(ledgerOf(request), request.params.participantId);
    },
  );
  return Promise.resolve();
};
