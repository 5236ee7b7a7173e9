import fs from 'node:fs';
import path from 'node:path';
import { ApiError } from '../api-error';
import type { RouteModule } from '../route-context';
import { packageRoot, resolveStaticFile } from '../../dashboard/static-files';
import { type DashboardOrg, orgDashboard, readViewsByRole, servesView, VIEWS_FILE } from '../../dashboard/org-views';
import { ErrorCode } from '@scf/kernel/errors';

/** gateway/dashboard/, found from the package root so the compiled server (dist/src/…) finds it too. */
export const DASHBOARD_DIR = path.join(packageRoot(__dirname), 'dashboard');
/** Chart.js's self-contained UMD build (sets window.Chart), from the gateway's node_modules. */
export const CHART_JS_FILE = path.join(path.dirname(require.resolve('chart.js')), 'chart.umd.min.js');
export const CHART_JS_URL = '/dashboard/vendor/chart.umd.min.js';
/** The org this gateway serves the dashboard for, and its roles' views (no key needed: it names views, nothing of the ledger). */
export const ORG_DASHBOARD_URL = '/dashboard/org.json';

const publicRoute = { config: { public: true }, schema: { hide: true } } as const;

/** The `*` of a wildcard route (no params schema: TypeBox cannot compile a property named `*`). */
function wildcardOf(params: unknown): string {
  const value = typeof params === 'object' && params !== null ? (params as Record<string, unknown>)['*'] : undefined;
  return typeof value === 'string' ? value : '';
}

/**
 * The dashboard of the gateway's own org at /dashboard/ (no key needed for the files: every API
 * call they make carries one): the shell, /dashboard/org.json naming the org and its roles' views,
 * and only those views' modules (another org's roles' views are not served here: each org's people
 * use their own org's gateway), Chart.js from node_modules, and `/` redirecting to the dashboard.
 */
export const dashboardRoutes =
  (org: DashboardOrg): RouteModule =>
  (app) => {
    const root = DASHBOARD_DIR;
    const allViews = readViewsByRole(root);
    const notFound = (url: string): ApiError => new ApiError(ErrorCode.NOT_FOUND, `no dashboard file at ${url}`);

    app.get('/', publicRoute, (_request, reply) => reply.redirect('/dashboard/', 302));
    app.get('/dashboard', publicRoute, (_request, reply) => reply.redirect('/dashboard/', 301));
    app.get(CHART_JS_URL, publicRoute, (_request, reply) =>
      reply
        .header('content-type', 'text/javascript; charset=utf-8')
        .header('cache-control', 'public, max-age=86400')
        .send(fs.createReadStream(CHART_JS_FILE)),
    );
    app.get(ORG_DASHBOARD_URL, publicRoute, (_request, reply) =>
      reply.header('cache-control', 'no-cache').send(orgDashboard(org, allViews)),
    );
    app.get('/dashboard/*', publicRoute, (request, reply) => {
      const wildcard = wildcardOf(request.params);
      const relative = wildcard === '' ? 'index.html' : wildcard;
      // Views of the org's own roles only; the table of every role's views stays in the folder.
      const served = relative !== VIEWS_FILE && (!relative.startsWith('views/') || servesView(orgDashboard(org, allViews), relative));
      const file = served ? resolveStaticFile(root, relative) : undefined;
      if (!file) {
        throw notFound(request.url);
      }
      // Revalidated on each load: the files change with the code, and there is no build step to fingerprint them.
      return reply
        .header('content-type', file.contentType)
        .header('cache-control', 'no-cache')
        .header('x-content-type-options', 'nosniff')
        .send(fs.createReadStream(file.path));
    });
    return Promise.resolve();
  };
