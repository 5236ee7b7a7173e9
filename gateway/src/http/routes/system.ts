import { tx } from '@scf/kernel/catalogue/catalogue';
import { errorResponses } from '../openapi';
import { chaincodeVersion, readHeartbeat, writeHeartbeat } from '../../usecases/system';
import { logCommit } from '../log-commit';
import type { RouteModule } from '../route-context';
import { Committed, readSchema, writeSchema } from '../schemas/common';
import { ChaincodeVersion, HeartbeatBody, HeartbeatParams, HeartbeatRecord } from '../schemas/system';

const tag = 'system';

/**
 * scf.system: the deployed chaincode's version, and the heartbeat write any channel member may
 * make (the chaincode's rule is ANYONE) to prove endorsement, ordering and commit end to end.
 */
export const systemRoutes: RouteModule = (app, { ledgerOf }) => {
  app.get(
    '/v1/system/version',
    { schema: { tags: [tag], summary: 'Version of the deployed chaincode', response: { 200: ChaincodeVersion, ...errorResponses } } },
    (request) => chaincodeVersion(ledgerOf(request)),
  );

  app.post(
    '/v1/system/heartbeats',
    {
      schema: writeSchema(
        {
          tag,
          summary: 'Write a heartbeat through endorsement, ordering and commit',
          description:
            "Stores the caller's org, the label, the transaction id and its timestamp under (org, label), overwriting the previous one.",
          ledger: [tx.system.Heartbeat],
        },
        { body: HeartbeatBody, response: { 201: Committed(HeartbeatRecord) } },
      ),
    },
    async (request, reply) => reply.code(201).send(logCommit(request, await writeHeartbeat(ledgerOf(request), request.body.label))),
  );

  app.get(
    '/v1/system/heartbeats/:mspId/:label',
    {
      schema: readSchema(
        {
          tag,
          summary: "An org's last heartbeat under a label",
          description: '404 when that org never wrote the label.',
          ledger: [tx.system.ReadHeartbeat],
        },
        { params: HeartbeatParams, response: { 200: HeartbeatRecord } },
      ),
    },
    (request) => readHeartbeat(ledgerOf(request), request.params.mspId, request.params.label),
  );
  return Promise.resolve();
};
