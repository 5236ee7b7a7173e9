import type {} from '@fastify/swagger';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ApiError, ErrorBody, GatewayErrorCode } from '../api-error';
import { metricsRegistry } from '../../ops/metrics';
import type { ReadinessProbe } from '../../ops/readiness';
import { fcn, tx } from '@scf/kernel/catalogue/catalogue';

const Status = Type.Object({ status: Type.Literal('ok') });

/** /healthz (the process answers), /readyz (the network answers), /metrics (Prometheus). No credential. */
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
    { config: { public: true }, schema: { tags: ['ops'], summary: 'Prometheus metrics', security: [] } },
    async (_request, reply) => {
      const body = await metricsRegistry.metrics();
      return reply.type(metricsRegistry.contentType).send(body);
    },
  );
  return Promise.resolve();
};
