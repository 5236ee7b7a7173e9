import { topology } from '@scf/network';
import fs from 'node:fs';
import path from 'node:path';
import { startGatewayProcess, type GatewayProcess } from '../support/gateway-process';
import { invoiceTerms, restLineTerms, runId, runUniqueFace } from '../support/ledger';

/**
 * A gateway per organisation (issue 15): each org's gateway is its own process on its org's own
 * address, holding that org's keys only; each party calls its own org's gateway; the risk gate is
 * in the banks' gateways only; org admin actions are on the admin listener only.
 */

let gw: GatewayProcess;

beforeAll(async () => {
  gw = await startGatewayProcess();
});

afterAll(async () => {
  await gw.stop();
});

interface Answer {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

/** A call as `participant` straight to `url` (no routing by the harness): the gateway decides. */
async function callAt(url: string, participant: string, method: string, urlPath: string, body?: unknown): Promise<Answer> {
  const response = await fetch(`${url}${urlPath}`, {
    method,
    headers: {
      authorization: `Bearer ${gw.keys[participant] ?? ''}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text.length > 0 ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/** A call that must succeed, as `participant`, at the gateway of `org`. */
async function at(org: string, participant: string, method: string, urlPath: string, body?: unknown): Promise<Record<string, unknown>> {
  const answer = await callAt(gw.urlOf(org), participant, method, urlPath, body);
  if (answer.status >= 300) {
    throw new Error(`${method} ${urlPath} as ${participant} at ${org}'s gateway: ${answer.status} ${JSON.stringify(answer.body)}`);
  }
  return answer.body;
}

describe('a gateway per organisation', () => {
  it("listens on its own org's address, one process per org", () => {
    expect([...gw.orgs].sort()).toEqual(topology.orgs.map((o) => o.name).sort());
    for (const org of topology.orgs) {
      expect(new URL(gw.urlOf(org.name)).hostname).toBe(org.address);
      expect(new URL(gw.adminUrlOf(org.name)).hostname).toBe(org.address);
    }
    expect(new Set(gw.orgs.map((org) => gw.pidOf(org))).size).toBe(topology.orgs.length);
  });

  it("runs the closed loop with each party calling its own org's gateway", async () => {
    const id = runId('orggw');
    const lineId = `${id}-line`;
    await at('Auditor', 'auditor', 'PUT', '/v1/consortium-caps/core/USD', { cap: '1000000000000' });
    await at('BankA', 'bank-a', 'POST', '/v1/credit-lines', restLineTerms(lineId));
    const face = runUniqueFace();
    await at('Suppliers', 'supplier-1', 'POST', '/v1/receivables', invoiceTerms(id, { amount: String(face) }));
    expect(await at('Core', 'core', 'POST', `/v1/receivables/${id}/confirm`)).toMatchObject({ status: 'CONFIRMED' });
    const amount = String(face / 2n);
    await at('Suppliers', 'supplier-1', 'POST', '/v1/financings', { financingId: `${id}-f`, receivableId: id, lineId, amount });
    const assessed = await at('BankA', 'bank-a', 'POST', `/v1/financings/${id}-f/assess`);
    if (assessed.decision === 'REVIEW') {
      await at('BankA', 'bank-a-2', 'POST', `/v1/risk/reviews/${id}-f/decision`, { decision: 'APPROVE', note: 'org gateways' });
    }
    const financing = await at('Auditor', 'auditor', 'GET', `/v1/financings/${id}-f`);
    expect(financing).toMatchObject({ status: 'ACTIVE' });
    const history = (await at('Auditor', 'auditor', 'GET', `/v1/audit/receivables/${id}/history`)) as unknown;
    expect(JSON.stringify(history)).toContain(id);
  });

  it("refuses another org's API key: each key is valid at its own org's gateway only", async () => {
    for (const [participant, home] of [
      ['supplier-1', 'Suppliers'],
      ['bank-a', 'BankA'],
      ['core', 'Core'],
      ['auditor', 'Auditor'],
    ] as const) {
      expect((await callAt(gw.urlOf(home), participant, 'GET', '/v1/me')).status).toBe(200);
      for (const other of gw.orgs.filter((org) => org !== home)) {
        const answer = await callAt(gw.urlOf(other), participant, 'GET', '/v1/me');
        expect({ participant, other, status: answer.status, code: answer.body.code }).toEqual({
          participant,
          other,
          status: 401,
          code: 'UNAUTHENTICATED',
        });
      }
    }
  });

  it("runs the risk gate, policies and review queue in the banks' gateways only", async () => {
    for (const org of topology.orgs) {
      const caller = Object.keys(gw.keys).find((name) => gw.orgOf(name) === org.name && !name.endsWith('-admin')) ?? '';
      const routes = Object.keys(((await (await fetch(`${gw.urlOf(org.name)}/openapi.json`)).json()) as { paths: object }).paths);
      const bank = Object.values(org.roles).includes('bank');
      expect({ org: org.name, riskRoutes: routes.filter((r) => r.startsWith('/v1/risk/') || r.endsWith('/assess')).length > 0 }).toEqual({
        org: org.name,
        riskRoutes: bank,
      });
      if (!bank) {
        const answer = await callAt(gw.urlOf(org.name), caller, 'GET', '/v1/risk/reviews');
        expect({ org: org.name, status: answer.status, code: answer.body.code }).toEqual({
          org: org.name,
          status: 404,
          code: 'ROUTE_NOT_FOUND',
        });
      }
    }
  });

  it('puts org admin actions on the admin listener only, where only org admin keys are valid', async () => {
    const register = {
      participantId: runId('nobody'),
      clientId: 'x509::/CN=nobody::/CN=ca',
      name: 'Nobody',
      role: 'supplier',
      tier: 1,
      legalEntityId: 'x',
    };
    // The public API has no admin routes and takes no admin key.
    const publicUrl = gw.urlOf('Suppliers');
    expect((await callAt(publicUrl, 'suppliers-admin', 'GET', '/v1/me')).status).toBe(401);
    expect((await callAt(publicUrl, 'supplier-1', 'POST', '/v1/participants', register)).body.code).toBe('ROUTE_NOT_FOUND');
    // Onboarding is on the admin listener too; inviting (a supplier, a core enterprise) is on the public API.
    const publicPaths = Object.keys(((await (await fetch(`${publicUrl}/openapi.json`)).json()) as { paths: object }).paths);
    expect(publicPaths.filter((p) => p.startsWith('/v1/admin') || p === '/v1/invitations')).toEqual(['/v1/invitations']);
    expect((await callAt(publicUrl, 'supplier-1', 'POST', '/v1/participants/supplier-2/suspend')).body.code).toBe('ROUTE_NOT_FOUND');
    // The admin listener has only admin routes and takes only the org's admin key.
    const adminUrl = gw.adminUrlOf('Suppliers');
    expect((await callAt(adminUrl, 'supplier-1', 'GET', '/v1/admin/identities')).status).toBe(401);
    expect((await callAt(adminUrl, 'core-admin', 'GET', '/v1/admin/identities')).status).toBe(401);
    const identities = await callAt(adminUrl, 'suppliers-admin', 'GET', '/v1/admin/identities');
    expect(identities.status).toBe(200);
    expect((identities.body.items as { credential: string }[]).map((i) => i.credential).sort()).toEqual([
      'supplier-1',
      'supplier-2',
      'supplier-3',
    ]);
    expect((await callAt(adminUrl, 'suppliers-admin', 'GET', '/v1/receivables')).body.code).toBe('ROUTE_NOT_FOUND');
    const paths = Object.keys(((await (await fetch(`${adminUrl}/openapi.json`)).json()) as { paths: object }).paths);
    expect(paths.filter((p) => p.startsWith('/v1/') && p !== '/v1/me' && !p.startsWith('/v1/system')).sort()).toEqual([
      '/v1/admin/identities',
      '/v1/admin/participants',
      '/v1/admin/participants/{participantId}/offboard',
      '/v1/participants',
      '/v1/participants/{participantId}/reinstate',
      '/v1/participants/{participantId}/suspend',
    ]);
    // The org's operators read their own gateway's metrics there (the public API serves them to the auditor only).
    const metrics = await fetch(`${adminUrl}/metrics`, { headers: { authorization: `Bearer ${gw.keys['suppliers-admin'] ?? ''}` } });
    expect([metrics.status, (await metrics.text()).includes('scf_gateway_http_requests_total')]).toEqual([200, true]);
    expect((await callAt(publicUrl, 'supplier-1', 'GET', '/metrics')).status).toBe(403);
    // Suspension and reinstatement through the admin listener, by the participant's own org admin.
    expect((await callAt(adminUrl, 'suppliers-admin', 'POST', '/v1/participants/supplier-3/suspend')).body).toMatchObject({
      status: 'SUSPENDED',
    });
    expect((await callAt(adminUrl, 'suppliers-admin', 'POST', '/v1/participants/supplier-3/reinstate')).body).toMatchObject({
      status: 'ACTIVE',
    });
  });

  it("has no file of another org's private keys open or configured in any gateway process", () => {
    const orgsDir = path.join(process.env.SCF_DATA_DIR ?? path.join(__dirname, '..', '..', '.data'), 'orgs');
    for (const org of gw.orgs) {
      const pid = gw.pidOf(org);
      const others = gw.orgs.filter((o) => o !== org).map((o) => fs.realpathSync(path.join(orgsDir, o)));
      const open = fs.readdirSync(`/proc/${pid}/fd`).flatMap((fd) => {
        try {
          return [fs.readlinkSync(`/proc/${pid}/fd/${fd}`)];
        } catch {
          return [];
        }
      });
      const environment = fs.readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
      const connection = JSON.parse(fs.readFileSync(path.join(orgsDir, org, 'gateway.json'), 'utf8')) as {
        org: string;
        identities: { keyPath: string }[];
      };
      // A key in the bank's HSM has no file (its MSP folder holds hsm.json instead).
      const configuredKeys = connection.identities
        .map((i) => path.resolve(orgsDir, org, i.keyPath))
        .filter((k) => fs.existsSync(k))
        .map((k) => fs.realpathSync(k));
      expect({
        org,
        connectionOrg: connection.org,
        gatewayOrg: environment.find((v) => v.startsWith('GATEWAY_ORG=')),
        openOfOthers: open.filter((file) => others.some((dir) => file.startsWith(`${dir}/`))),
        envOfOthers: environment.filter((v) => others.some((dir) => v.includes(dir))),
        configuredOutside: configuredKeys.filter((k) => !k.startsWith(`${fs.realpathSync(path.join(orgsDir, org))}/`)),
      }).toEqual({ org, connectionOrg: org, gatewayOrg: `GATEWAY_ORG=${org}`, openOfOthers: [], envOfOthers: [], configuredOutside: [] });
    }
  });
});
