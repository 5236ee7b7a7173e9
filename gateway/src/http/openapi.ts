import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { ErrorBody } from './api-error';

/** Documents the one error shape on every route that uses it. */
export const errorResponses = { '4xx': ErrorBody, '5xx': ErrorBody } as const;

export const BEARER_SCHEME = 'bearerApiKey';
export const HEADER_SCHEME = 'apiKeyHeader';

/** OpenAPI 3 from the routes' TypeBox schemas, at /openapi.json, with Swagger UI at /docs. */
export async function installOpenApi(app: FastifyInstance, version: string): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'SCF gateway',
        version,
        description:
          'REST gateway of the supply-chain-finance network. Errors are always { code, message, details? }. Money is a decimal string of integer minor units. ' +
          "Every organisation runs its own gateway, on its own address, holding its own org's keys only: it accepts the API keys of its own org's people and no other's (401 UNAUTHENTICATED). " +
          "The risk gate routes (financing assess/approve/reject, /v1/risk/*, pledge acceptance) exist on the banks' gateways only: a non-bank gateway answers 404 there. " +
          "Org admin actions (registering, suspending, reinstating participants) are not on this API: they are on the admin listener of the org's gateway (its own port), where only org admin keys are valid.",
      },
      components: {
        securitySchemes: {
          [BEARER_SCHEME]: { type: 'http', scheme: 'bearer', description: 'The API key of one credential: "Authorization: Bearer <key>"' },
          [HEADER_SCHEME]: { type: 'apiKey', in: 'header', name: 'X-Api-Key', description: 'The same API key in X-Api-Key' },
        },
      },
      security: [{ [BEARER_SCHEME]: [] }, { [HEADER_SCHEME]: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { config: { public: true }, schema: { hide: true } }, () => app.swagger());
}
