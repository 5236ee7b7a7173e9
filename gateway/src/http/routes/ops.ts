import type {} from '@fastify/swagger';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ApiError, ErrorBody, GatewayErrorCode } from '../api-error';
import { callerOf } from '../auth';
import { ErrorCode } from '@scf/kernel/errors';
import { metricsRegistry } from '../../ops/metrics';
import type { ReadinessProbe } from '../../ops/readiness';
import { fcn, tx } from '@scf/kernel/catalogue/catalogue';

const Status = Type.Object({ status: Type.Literal('ok') });

/**
 * /healthz (the process answers) and /readyz (the network answers), with no credential; /metrics
 * (Prometheus) tells request volumes, callers' outcomes and ledger timings, which are not public:
 * on the public API the auditor's credential only (at the auditor's gateway), on an org's admin
 * listener that org's admins (the operators of this gateway: a bank reads its risk gate's timings).
 */
export const opsRoutes: FastifyPluginAsyncTypebox<{ readiness: ReadinessProbe }> = (app, { readiness }) => {
  app.get(
    '/healthz',
    {
      config: { public: true },
      schema: { tags: ['ops'], summary: 'Liveness: the process answers', security: [], response: { 200: Status } },
    },
    () => ({ status: 'ok' as const }),
  );
  app.get(
    '/readyz',
    {
      config: { public: true },
      schema: {
        tags: ['ops'],
        summary: `Readiness: the Fabric network answers ${fcn(tx.system.Version)}`,
        security: [],
        response: { 200: Status, 503: ErrorBody },
      },
    },
    async () => {
      if (!(await readiness.isReady())) {
        throw new ApiError(GatewayErrorCode.NETWORK_UNAVAILABLE, 'the ledger network does not answer');
      }
      return { status: 'ok' as const };
    },
  );
  app.get(
    '/metrics',
    {
      schema: {
        tags: ['ops'],
        summary: "Prometheus metrics (text exposition format); the auditor, or on the admin listener the org's admins",
        response: {
          200: { description: 'Prometheus text exposition format', content: { 'text/plain': { schema: Type.String() } } },
          401: { description: 'No API key, or not a valid one', content: { 'application/json': { schema: ErrorBody } } },
          403: { description: 'Neither the auditor nor an org admin', content: { 'application/json': { schema: ErrorBody } } },
        },
      },
    },
    async (request, reply) => {
      // Org admin keys are valid on the admin listener only (server.ts), so an org admin here is at its own org's admin port.
      const { role } = callerOf(request);
      if (role !== 'auditor' && role !== 'org-admin') {
        throw new ApiError(ErrorCode.FORBIDDEN, "only the auditor or the org's admins read the metrics");
      }
      const body = await metricsRegistry.metrics();
      return reply.type(metricsRegistry.contentType).send(body);
    },
  );
  return Promise.resolve();
};
