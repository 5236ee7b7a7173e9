import { Type } from 'typebox';
import { CALLER_ROLES } from '../../auth/credentials';
import { callerOf } from '../auth';
import { errorResponses } from '../openapi';
import type { RouteModule } from '../route-context';

const Me = Type.Object({
  credential: Type.String({ description: 'Name of the credential the API key belongs to' }),
  org: Type.String(),
  mspId: Type.String(),
  user: Type.String({ description: 'The Fabric identity (cryptogen user) every transaction of this caller is signed with' }),
  displayName: Type.String(),
  role: Type.Enum(CALLER_ROLES),
});

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
