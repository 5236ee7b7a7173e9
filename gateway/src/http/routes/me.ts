import { callerOf } from '../auth';
import { errorResponses } from '../openapi';
import type { RouteModule } from '../route-context';
import { Me } from '../schemas/me';

/** GET /v1/me: who the presented credential is. */
export const meRoutes: RouteModule = (app) => {
  app.get(
    '/v1/me',
    { schema: { tags: ['system'], summary: 'The caller behind the API key', response: { 200: Me, ...errorResponses } } },
    (request) => {
      const { credential, org, mspId, user, displayName, role } = callerOf(request);
      return { credential, org, mspId, user, displayName, role };
    },
  );
  return Promise.resolve();
};
