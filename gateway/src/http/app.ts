import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyReply } from 'fastify';
import pino from 'pino';
import type { CredentialStore } from '../auth/credentials';
import type { GatewayConfig } from '../config';
import { installMinBlock } from './min-block';
import { ApiError } from './api-error';
import { installAuthentication, callerOf } from './auth';
import { installSuspensionGate } from './suspension-gate';
import { installErrorHandling } from './errors';
import { collectRouteMethods } from './method-not-allowed';
import { strictValidatorCompiler } from './validator';
import { installRateLimit, perMinute, TokenBuckets } from './rate-limit';
import { installIdempotency } from './idempotency';
import { installOpenApi } from './openapi';
import type { LedgerDirectory } from '../ledger/ledger';
import { httpRequestDurationSeconds, httpRequestsTotal } from '../ops/metrics';
import { opsRoutes } from './routes/ops';
import { ReadinessProbe, type ReadinessOptions } from '../ops/readiness';
import { echoRequestId, requestIdOf } from './request-id';
import { meRoutes } from './routes/me';
import type { GatewayStores, RouteContext, RouteModule } from './route-context';
import { systemRoutes } from './routes/system';
import { ErrorCode } from '@scf/kernel/errors';

export const BODY_LIMIT_BYTES = 256 * 1024;
export const API_VERSION = '0.1.0';

export interface GatewayDeps {
  readonly config: GatewayConfig;
  readonly credentials: CredentialStore;
  readonly ledgers: LedgerDirectory;
  readonly stores: GatewayStores;
  /** A pino logger; omitted, the app logs nothing (unit tests). */
  readonly logger?: FastifyBaseLogger;
  /** Route modules registered after the built-in ones: the extension point for the contracts' REST routes. */
  readonly routes?: readonly RouteModule[];
  readonly readiness?: ReadinessOptions;
}

function recordHttpMetrics(app: FastifyInstance): void {
  app.addHook('onResponse', (request, reply, done) => {
    const labels = { route: request.routeOptions.url ?? '(unmatched)', method: request.method, status: String(reply.statusCode) };
    httpRequestsTotal.inc(labels);
    httpRequestDurationSeconds.observe(labels, reply.elapsedTime / 1000);
    done();
  });
}

/**
 * The gateway's HTTP stack: request ids, the one error shape, API-key authentication,
 * idempotency keys, OpenAPI, ops endpoints, then the built-in and the given route modules.
 */
export async function buildApp(deps: GatewayDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger ?? pino({ level: 'silent' }),
    bodyLimit: BODY_LIMIT_BYTES,
    // Six org gateways may start at once on a small shared machine: loading the docs plugin alone took over Fastify's default 10 s.
    pluginTimeout: 120_000,
    genReqId: requestIdOf,
    requestIdHeader: false,
    // URLs the router itself refuses (bad percent-encoding, over-long path values) get the one error shape too.
    frameworkErrors: (error, _request, reply) => {
      const apiError = new ApiError(ErrorCode.INVALID_ARGUMENT, `the request URL is not valid (${error.message})`);
      void (reply as FastifyReply).code(apiError.httpStatus).send(apiError.toBody());
    },
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler(strictValidatorCompiler);

  // Before any route is registered: it records every route's methods for 405 answers.
  const routeMethods = collectRouteMethods(app);
  app.addHook('onRequest', echoRequestId);
  recordHttpMetrics(app);
  installErrorHandling(app, routeMethods);
  const { limits } = deps.config;
  installAuthentication(app, deps.credentials, new TokenBuckets(perMinute(limits.authFailures)));
  installSuspensionGate(app, deps.stores.readModel, deps.ledgers);
  installRateLimit(app, deps.config.rateLimit, perMinute(limits.heavy));
  installMinBlock(app, deps.ledgers);
  installIdempotency(app, deps.stores.idempotency, (request, transactionId, envelope) =>
    deps.ledgers.forIdentity(callerOf(request).identity).transactionFate(transactionId, envelope),
  );
  await installOpenApi(app, API_VERSION);

  await app.register(opsRoutes, { readiness: new ReadinessProbe(deps.ledgers, deps.readiness) });
  const context: RouteContext = {
    config: deps.config,
    credentials: deps.credentials,
    ledgers: deps.ledgers,
    stores: deps.stores,
    ledgerOf: (request) => deps.ledgers.forIdentity(callerOf(request).identity),
  };
  for (const routes of [systemRoutes, meRoutes, ...(deps.routes ?? [])]) {
    await app.register(routes, context);
  }
  await app.ready();
  return app;
}
