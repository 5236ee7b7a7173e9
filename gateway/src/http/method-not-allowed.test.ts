/** Unit tests: 405 for a path answered with a method it does not declare; strict query conversion. */
import { Type } from 'typebox';
import { RouteMethods } from './method-not-allowed';
import { TEST_KEYS } from '../testing/fakes';
import { buildTestApp, type TestApp } from '../testing/test-app';

const auth = { authorization: `Bearer ${TEST_KEYS.supplier1}` };

describe('RouteMethods', () => {
  it('matches parameters one segment each and a wildcard the rest', () => {
    const routes = new RouteMethods();
    routes.add('/v1/receivables', 'POST');
    routes.add('/v1/receivables/:id', ['GET', 'HEAD']);
    routes.add('/v1/receivables/:id/split', 'POST');
    routes.add('/docs/*', 'GET');
    expect(routes.allowedAt('/v1/receivables')).toEqual(['POST']);
    expect(routes.allowedAt('/v1/receivables/r-1')).toEqual(['GET', 'HEAD']);
    expect(routes.allowedAt('/v1/receivables/r-1/split')).toEqual(['POST']);
    expect(routes.allowedAt('/docs/static/index.html')).toEqual(['GET']);
    expect(routes.allowedAt('/v1/receivables/r-1/other')).toEqual([]);
    expect(routes.allowedAt('/v1/nothing')).toEqual([]);
  });
});

describe('the app', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({
      routes: [
        (app) => {
          app.get(
            '/v1/test/page',
            {
              schema: { querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1 })) }, { additionalProperties: false }) },
            },
            (request) => ({ query: request.query }),
          );
          return Promise.resolve();
        },
      ],
    });
  });
  afterAll(() => t.close());

  it('answers an undeclared method on an existing path 405 METHOD_NOT_ALLOWED with Allow, and an unknown path 404', async () => {
    const put = await t.app.inject({ method: 'PUT', url: '/v1/me', headers: auth });
    expect([put.statusCode, put.headers.allow, put.json()]).toEqual([
      405,
      'GET, HEAD',
      { code: 'METHOD_NOT_ALLOWED', message: 'PUT is not allowed on /v1/me; allowed: GET, HEAD', details: { allowed: ['GET', 'HEAD'] } },
    ]);
    const unknown = await t.app.inject({ method: 'PUT', url: '/v1/nothing', headers: auth });
    expect([unknown.statusCode, unknown.json<{ code: string }>().code]).toEqual([404, 'ROUTE_NOT_FOUND']);
  });

  it('answers a QUERY without Content-Type as not allowed, not as a malformed request', async () => {
    const query = await t.app.inject({ method: 'QUERY', url: '/healthz' });
    expect([query.statusCode, query.json<{ code: string }>().code]).toEqual([405, 'METHOD_NOT_ALLOWED']);
  });

  it('converts a query value to its declared integer only when the text is one', async () => {
    const ok = await t.app.inject({ method: 'GET', url: '/v1/test/page?limit=5', headers: auth });
    expect(ok.json()).toEqual({ query: { limit: 5 } });
    for (const text of ['true', '5.0', '0x5', ' 5', '']) {
      const refused = await t.app.inject({ method: 'GET', url: `/v1/test/page?limit=${encodeURIComponent(text)}`, headers: auth });
      expect([text, refused.statusCode, refused.json<{ code: string }>().code]).toEqual([text, 400, 'INVALID_ARGUMENT']);
    }
  });
});
