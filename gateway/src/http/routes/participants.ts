import { tx } from '@scf/kernel/catalogue/catalogue';
import { Type } from 'typebox';
import {
  getParticipant,
  getParticipantHistory,
  listParticipantsByOrg,
  registerParticipant,
  reinstateParticipant,
  suspendParticipant,
  whoAmI,
} from '../../usecases/participants';
import { logCommit } from '../log-commit';
import type { RouteModule } from '../route-context';
import { Committed, HistoryOf, Id, ListOf, MspId, readSchema, writeSchema } from '../schemas/common';
import { Participant, RegisterParticipantBody, WhoAmI } from '../schemas/participants';

const tag = 'participants';
const ParticipantParams = Type.Object({ participantId: Id });
const OrgParams = Type.Object({ mspId: MspId });

/**
 * scf.participant's admin actions (register, suspend, reinstate): mounted on the admin listener of
 * an org's gateway only (http/routes/admin-routes.ts), where only org admin keys are valid.
 */
export const participantAdminRoutes: RouteModule = (app, { ledgerOf }) => {
  app.post(
    '/v1/participants',
    {
      schema: writeSchema(
        {
          tag,
          summary: "Register a participant of the caller's org",
          description: "An admin of the participant's org.",
          ledger: [tx.participant.RegisterParticipant],
        },
        { body: RegisterParticipantBody, response: { 201: Committed(Participant) } },
      ),
    },
    async (request, reply) => reply.code(201).send(logCommit(request, await registerParticipant(ledgerOf(request), request.body))),
  );

  app.post(
    '/v1/participants/:participantId/suspend',
    {
      schema: writeSchema(
        {
          tag,
          summary: 'Suspend a participant',
          description: 'An admin of its org. A suspended participant can do nothing.',
          ledger: [tx.participant.SuspendParticipant],
        },
        { params: ParticipantParams, response: { 200: Committed(Participant) } },
      ),
    },
    async (request) => logCommit(request, await suspendParticipant(ledgerOf(request), request.params.participantId)),
  );

  app.post(
    '/v1/participants/:participantId/reinstate',
    {
      schema: writeSchema(
        {
          tag,
          summary: 'Reinstate a suspended participant',
          description: 'An admin of its org.',
          ledger: [tx.participant.ReinstateParticipant],
        },
        { params: ParticipantParams, response: { 200: Committed(Participant) } },
      ),
    },
    async (request) => logCommit(request, await reinstateParticipant(ledgerOf(request), request.params.participantId)),
  );
  return Promise.resolve();
};

/** scf.participant: the registry of certificates, roles and suspensions (reads; the admin actions are on the admin listener). */
export const participantRoutes: RouteModule = (app, { ledgerOf }) => {
  app.get(
    '/v1/participants/me',
    {
      schema: readSchema(
        {
          tag,
          summary: "The caller's certificate id and participant record",
          description: 'An org admin registers a participant with the clientId this reports to that participant.',
          ledger: [tx.participant.WhoAmI],
        },
        { response: { 200: WhoAmI } },
      ),
    },
    (request) => whoAmI(ledgerOf(request)),
  );

  app.get(
    '/v1/participants/:participantId',
    {
      schema: readSchema(
        { tag, summary: 'A participant', ledger: [tx.participant.GetParticipant] },
        { params: ParticipantParams, response: { 200: Participant } },
      ),
    },
    (request) => getParticipant(ledgerOf(request), request.params.participantId),
  );

  app.get(
    '/v1/participants/:participantId/history',
    {
      schema: readSchema(
        { tag, summary: 'Every committed version of a participant, newest first', ledger: [tx.participant.GetParticipantHistory] },
        { params: ParticipantParams, response: { 200: HistoryOf(Participant) } },
      ),
    },
    (request) => getParticipantHistory(ledgerOf(request), request.params.participantId),
  );

  app.get(
    '/v1/orgs/:mspId/participants',
    {
      schema: readSchema(
        { tag, summary: 'The participants of one organisation', ledger: [tx.participant.ListParticipantsByOrg] },
        { params: OrgParams, response: { 200: ListOf(Participant) } },
      ),
    },
    (request) => listParticipantsByOrg(ledgerOf(request), request.params.mspId),
  );
  return Promise.resolve();
};
