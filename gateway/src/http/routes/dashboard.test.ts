import path from 'node:path';
import { buildTestApp, type TestApp } from '../../testing/test-app';
import { TEST_KEYS } from '../../testing/fakes';
import { CHART_JS_URL, DASHBOARD_DIR, dashboardRoutes, ORG_DASHBOARD_URL } from './dashboard';
import { packageRoot } from '../../dashboard/static-files';

const gatewayRoot = path.resolve(__dirname, '..', '..', '..');

describe('dashboard routes', () => {
  let t: TestApp;
  beforeAll(async () => {
    // A core enterprise's org: its gateway serves the core enterprise's views only.
    t = await buildTestApp({ routes: [dashboardRoutes({ name: 'Core', roles: () => new Set(['core-enterprise']) })] });
  });
  afterAll(async () => {
    await t.close();
  });

  it('finds gateway/dashboard from the sources and from the compiled dist/src/dashboard alike', () => {
    expect(DASHBOARD_DIR).toBe(path.join(gatewayRoot, 'dashboard'));
    expect(packageRoot(path.join(gatewayRoot, 'dist', 'src', 'dashboard'))).toBe(gatewayRoot);
  });

  it('redirects / to the dashboard', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/dashboard/');
  });

  it('serves the page, its modules and Chart.js without a key, with their content types', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/dashboard/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('<form id="login-form"');
    const app = await t.app.inject({ method: 'GET', url: '/dashboard/app.js' });
    expect(app.statusCode).toBe(200);
    expect(app.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(app.body).toContain(ORG_DASHBOARD_URL.replace('/dashboard/', ''));
    const view = await t.app.inject({ method: 'GET', url: '/dashboard/views/core-payables.js' });
    expect(view.statusCode).toBe(200);
    expect(view.body).toContain('export async function render');
    const chart = await t.app.inject({ method: 'GET', url: CHART_JS_URL });
    expect(chart.statusCode).toBe(200);
    expect(chart.body).toContain('Chart.js v4');
  });

  it("names its org and lists its own roles' views only", async () => {
    const res = await t.app.inject({ method: 'GET', url: ORG_DASHBOARD_URL });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      org: 'Core',
      views: { 'core-enterprise': ['views/core-payables.js', 'views/core-calendar.js', 'views/core-owed.js'] },
    });
  });

  it.each(['/dashboard/views/bank-reviews.js', '/dashboard/views/auditor-blocks.js', '/dashboard/views/chain.js', '/dashboard/views.json'])(
    "does not serve another org's roles' views, nor the table of every role's views: %s",
    async (url) => {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain('export async function render');
    },
  );

  it.each([
    '/dashboard/../package.json',
    '/dashboard/%2e%2e/package.json',
    '/dashboard/views/..%2f..%2fpackage.json',
    '/dashboard/.hidden.js',
    '/dashboard/views/missing.js',
    '/dashboard/views',
    '/dashboard/README',
  ])('answers 404 in the error shape for %s, never a file outside the folder', async (url) => {
    const res = await t.app.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: expect.stringMatching(/NOT_FOUND$/) as unknown });
    expect(res.body).not.toContain('@scf/gateway');
  });

  it('leaves the API behind the key', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/v1/me' })).statusCode).toBe(401);
    const me = await t.app.inject({ method: 'GET', url: '/v1/me', headers: { authorization: `Bearer ${TEST_KEYS.bankOfficer}` } });
    expect(me.json()).toMatchObject({ role: 'bank' });
  });
});
