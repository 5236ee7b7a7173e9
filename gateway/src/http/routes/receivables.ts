import { Type } from 'typebox';
import {
  confirmReceivable,
  disputeReceivable,
  getReceivable,
  getReceivableHistory,
  issueReceivable,
  listDilutions,
  listReceivablesByDebtor,
  listReceivablesByHolder,
  recordDilution,
  splitReceivable,
  transferReceivable,
} from '../../usecases/receivables';
import { logCommit } from '../log-commit';
import type { RouteModule } from '../route-context';
import { Committed, HistoryOf, Id, ListOf, readSchema, writeSchema } from '../schemas/common';
import {
  Dilution,
  DilutionBody,
  DilutionResult,
  DisputeBody,
  IssueReceivableBody,
  Receivable,
  SplitBody,
  SplitResult,
  TransferBody,
} from '../schemas/receivables';

const tag = 'receivables';
const ReceivableParams = Type.Object({ receivableId: Id });
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
          description: 'Role: supplier (becomes creditor and holder). scf.receivable:IssueReceivable.',
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
          description:
            "Role: core-enterprise, the debtor. From now on changes need the debtor's and the holder's orgs to endorse. scf.receivable:ConfirmReceivable.",
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
          description: 'Role: core-enterprise, the debtor; only while ISSUED. scf.receivable:DisputeReceivable.',
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
          description: 'Role: supplier, the holder. scf.receivable:SplitReceivable.',
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
          description: 'Role: supplier, the holder. A one-part scf.receivable:SplitReceivable of the outstanding amount (read first).',
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
          summary: 'Record a credit note or return',
          description:
            'Role: supplier (the holder) or core-enterprise (the debtor). On a financed receivable it may take only the margin above the live principal (more is 409 ENCUMBERED until the principal is repaid), and coverage is re-checked. scf.receivable:RecordDilution.',
        },
        { params: ReceivableParams, body: DilutionBody, response: { 201: Committed(DilutionResult) } },
      ),
    },
    async (request, reply) =>
      reply.code(201).send(logCommit(request, await recordDilution(ledgerOf(request), request.params.receivableId, request.body))),
  );

  app.get(
    '/v1/receivables/:receivableId/dilutions',
    {
      schema: readSchema(
        { tag, summary: 'The dilutions of a receivable', description: 'scf.receivable:ListDilutions.' },
        { params: ReceivableParams, response: { 200: ListOf(Dilution) } },
      ),
    },
    (request) => listDilutions(ledgerOf(request), request.params.receivableId),
  );

  app.get(
    '/v1/receivables/:receivableId',
    {
      schema: readSchema(
        { tag, summary: 'A receivable', description: 'scf.receivable:GetReceivable.' },
        { params: ReceivableParams, response: { 200: Receivable } },
      ),
    },
    (request) => getReceivable(ledgerOf(request), request.params.receivableId),
  );

  app.get(
    '/v1/receivables/:receivableId/history',
    {
      schema: readSchema(
        { tag, summary: 'Every committed version of a receivable, newest first', description: 'scf.receivable:GetReceivableHistory.' },
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
          description: 'scf.receivable:ListReceivablesByHolder / ListReceivablesByDebtor.',
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
