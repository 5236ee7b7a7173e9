/** Unit tests: the contract route modules register together, are all listed, and are documented alike in OpenAPI. */
import { ledgerRouteHarness, type LedgerRouteHarness } from '../../testing/ledger-route-testing';
import { creditLineRoutes } from './credit-lines';
import { financingRoutes } from './financings';
import { adminRouteModules } from './admin-routes';
import { ledgerRouteModules } from './ledger-routes';
import { participantAdminRoutes, participantRoutes } from './participants';
import { receivableRoutes } from './receivables';
import { repaymentRoutes } from './payments';
import { warehouseRoutes } from './warehouse';

const contractModules = [
  participantRoutes,
  participantAdminRoutes,
  creditLineRoutes,
  receivableRoutes,
  financingRoutes,
  warehouseRoutes,
  repaymentRoutes,
];

interface Operation {
  readonly tags?: readonly string[];
  readonly summary?: string;
  readonly security?: readonly Record<string, unknown>[];
  readonly parameters?: readonly { readonly in: string; readonly name: string }[];
  readonly responses?: Record<string, unknown>;
}

describe('ledger route modules', () => {
  let h: LedgerRouteHarness;
  beforeAll(async () => {
    h = await ledgerRouteHarness(contractModules);
  });
  afterAll(() => h.t.close());

  it("are all in the server's lists: the admin actions on the admin listener's only", () => {
    expect([...ledgerRouteModules, ...adminRouteModules]).toEqual(expect.arrayContaining(contractModules));
    expect(ledgerRouteModules).not.toContain(participantAdminRoutes);
    expect(adminRouteModules).toEqual([participantAdminRoutes]);
  });

  it('document every operation with a tag, a summary, bearer security and the error shape; writes with Idempotency-Key', async () => {
    const document = (await h.send('GET', '/openapi.json')).json<{ paths: Record<string, Record<string, Operation>> }>();
    const operations = Object.entries(document.paths)
      .filter(
        ([path]) =>
          path.startsWith('/v1/') &&
          !path.startsWith('/v1/system') &&
          path !== '/v1/me' &&
          !path.startsWith('/v1/risk') &&
          !path.endsWith('/assess'),
      )
      .flatMap(([path, methods]) =>
        Object.entries(methods).map(([method, operation]) => ({ route: `${method.toUpperCase()} ${path}`, operation })),
      );
    // 65 ledger operations (8 of them consent's: dilution requests, payment cancel/reject, pending for me) less AcceptPledge, which goes through the risk gate (risk.ts).
    expect(operations).toHaveLength(64);
    for (const { route, operation } of operations) {
      const mutating = !route.startsWith('GET');
      const documented = {
        route,
        tagged: (operation.tags?.length ?? 0) > 0,
        summarised: (operation.summary?.length ?? 0) > 0,
        bearer: operation.security?.some((s) => 'bearerApiKey' in s) ?? false,
        errors: Object.keys(operation.responses ?? {})
          .filter((status) => status === '4XX' || status === '5XX')
          .sort(),
        idempotencyKey: operation.parameters?.some((p) => p.in === 'header' && p.name === 'idempotency-key') ?? false,
      };
      expect(documented).toEqual({ route, tagged: true, summarised: true, bearer: true, errors: ['4XX', '5XX'], idempotencyKey: mutating });
    }
  });
});
