import { Type } from 'typebox';
import { errorResponses } from '../http/openapi';
import type { RouteModule } from './route-context';

const ChaincodeVersion = Type.Object({ name: Type.String(), version: Type.String() });

const utf8 = new TextDecoder();

/** GET /v1/system/version: the deployed chaincode's name and version, read as the caller. */
export const systemRoutes: RouteModule = (app, { ledgerOf }) => {
  app.get(
    '/v1/system/version',
    { schema: { tags: ['system'], summary: 'Version of the deployed chaincode', response: { 200: ChaincodeVersion, ...errorResponses } } },
    async (request) => {
      const bytes = await ledgerOf(request).evaluate('scf.system', 'Version');
      const parsed = JSON.parse(utf8.decode(bytes)) as { name: string; version: string };
      return { name: parsed.name, version: parsed.version };
    },
  );
  return Promise.resolve();
};
