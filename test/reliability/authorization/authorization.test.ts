/**
 * Authorization (issue 7) on the real network, through the REST gateway as a process: every
 * operation of /openapi.json × every role, against the one table of who may call what
 * (access-matrix.ts). A refused call is 403 in the error shape and never reaches the ledger; an
 * admitted call passes the role gate. Then: reading or changing another participant's record by
 * id (BOLA), setting fields a role may not set (mass assignment), and the auditor, who reads
 * everything and changes nothing.
 */
import { startGatewayProcess, type GatewayProcess } from '../../support/gateway-process';
import { eventually } from '../../support/fabric';
import { settledHeight, transactionsIn } from '../support/chain';
import { ACCESS_MATRIX, AUDITOR_WRITES, CREDENTIAL_OF, ROLES, type Role } from './access-matrix';
import { createFixtures, fixtureState } from './fixtures';
import { requestFor, type Fixtures } from './requests';

/**
 * The refusals of a role gate: the chaincode's checkAccess (chaincode/src/contracts/access.ts),
 * the gateway's own role checks, and the visibility table's (a record the caller may not read).
 * A refusal that depends on the data otherwise says something else.
 */
const ROLE_REFUSAL =
  /( is for [a-z, -]+, not [a-z-]+$| requires an org admin$|^the caller is not a registered participant$|^only (a bank officer|bank officers and the auditor|banks and the auditor|the auditor) | are open to bank officers and the auditor only$| is not visible to the caller$)/;
/** Admitted calls not sent: verifying the whole chain takes minutes (test/integration/audit.test.ts runs it). */
const NOT_SENT_WHEN_ADMITTED = new Set(['POST /v1/audit/verify']);

let gw: GatewayProcess;
let f: Fixtures;
let operations: string[];
/** Operations only a bank's gateway serves (the risk gate): another org's gateway answers 404 for them. */
let bankGatewayOnly: Set<string>;
/** Operations an org's admin listener serves (its admin routes and the operations routes); the public API has the rest. */
let adminServed: Set<string>;

/**
 * A refusal's status: 403 from the role gate, unless the role's own gateway does not serve the
 * operation at all: an org admin's key is served by its gateway's admin listener only, and the
 * risk gate's routes exist in the banks' gateways only (404 ROUTE_NOT_FOUND).
 */
function refusalOf(operation: string, role: Role): { status: number; codes: string[] } {
  const bankOrg = gw.orgOf(CREDENTIAL_OF[role]).startsWith('Bank');
  const notServed = role === 'org-admin' ? !adminServed.has(operation) : bankGatewayOnly.has(operation) && !bankOrg;
  return notServed ? { status: 404, codes: ['ROUTE_NOT_FOUND'] } : { status: 403, codes: ['FORBIDDEN', 'NOT_REGISTERED'] };
}

const opKey = (method: string, path: string): string => `${method.toUpperCase()} ${path}`;
const methodOf = (operation: string): string => operation.slice(0, operation.indexOf(' '));

interface Answer {
  readonly status: number;
  readonly body: unknown;
}

/** Sends the operation's request as `role`; a JSON answer is parsed, a text or an event stream is not read. */
async function call(operation: string, role: Role): Promise<Answer> {
  const request = requestFor(operation, f, role);
  if (!request) {
    throw new Error(`no request for ${operation} in requests.ts`);
  }
  const response = await fetch(`${gw.url}${request.path}`, {
    method: methodOf(operation),
    headers: {
      authorization: `Bearer ${gw.keys[CREDENTIAL_OF[role]] ?? ''}`,
      ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: request.body === undefined ? undefined : JSON.stringify(request.body),
  });
  if (!(response.headers.get('content-type') ?? '').startsWith('application/json')) {
    await response.body?.cancel();
    return { status: response.status, body: undefined };
  }
  return { status: response.status, body: await response.json() };
}

function expectErrorShape(answer: Answer): void {
  const body = answer.body as Record<string, unknown>;
  expect(typeof body.code).toBe('string');
  expect(typeof body.message).toBe('string');
  expect(Object.keys(body).every((k) => ['code', 'message', 'details'].includes(k))).toBe(true);
}

const describeAnswer = (answer: Answer): string => `${String(answer.status)} ${JSON.stringify(answer.body ?? null).slice(0, 300)}`;

/** Transactions committed since `height` that carry one of the run's markers: refused calls must leave none. */
async function runTransactionsSince(height: number): Promise<string[]> {
  const end = await settledHeight();
  const transactions = await transactionsIn(height, end);
  return transactions
    .filter((t) => [t.fn, ...t.args].some((a) => a.includes(f.token) || a.includes(f.cap)))
    .map((t) => `${t.fn}(${t.args.join(', ').slice(0, 120)}) in block ${String(t.block)}`);
}

beforeAll(async () => {
  gw = await startGatewayProcess();
  const document = (await (await fetch(`${gw.url}/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
  operations = Object.entries(document.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => opKey(method, path)));
  const auditors = (await (await fetch(`${gw.urlOf('Auditor')}/openapi.json`)).json()) as {
    paths: Record<string, Record<string, unknown>>;
  };
  const served = new Set(Object.entries(auditors.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => opKey(m, path))));
  bankGatewayOnly = new Set(operations.filter((op) => !served.has(op)));
  const admins = (await (await fetch(`${gw.adminUrlOf('Suppliers')}/openapi.json`)).json()) as {
    paths: Record<string, Record<string, unknown>>;
  };
  adminServed = new Set(Object.entries(admins.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => opKey(m, path))));
  f = await createFixtures(gw);
}, 300_000);

afterAll(async () => {
  await gw.stop();
});

describe('every operation × every role', () => {
  it('the matrix and the request table cover exactly the operations of /openapi.json', () => {
    expect(operations.filter((op) => !(op in ACCESS_MATRIX))).toEqual([]);
    expect(Object.keys(ACCESS_MATRIX).filter((op) => !operations.includes(op))).toEqual([]);
    expect(operations.filter((op) => requestFor(op, f, 'auditor') === undefined)).toEqual([]);
  });

  it('without an API key only the public operations answer; every other is 401 in the error shape', async () => {
    for (const operation of operations) {
      const request = requestFor(operation, f, 'auditor');
      if (!request) {
        continue;
      }
      const response = await fetch(`${gw.url}${request.path}`, {
        method: methodOf(operation),
        headers: request.body === undefined ? {} : { 'content-type': 'application/json' },
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
      });
      if (ACCESS_MATRIX[operation]?.public) {
        expect([operation, response.status < 500]).toEqual([operation, true]);
      } else {
        expect([operation, response.status, ((await response.json()) as { code: string }).code]).toEqual([
          operation,
          401,
          'UNAUTHENTICATED',
        ]);
      }
    }
  }, 120_000);

  it('every role the matrix refuses gets 403 from the role gate, in the error shape; nothing reaches the ledger, nothing changes', async () => {
    const before = await fixtureState(gw, f);
    const height = await settledHeight();
    let refused = 0;
    await Promise.all(
      ROLES.map(async (role) => {
        for (const operation of operations.filter((op) => !(ACCESS_MATRIX[op]?.allowed.includes(role) ?? true))) {
          const request = requestFor(operation, f, role);
          if (ACCESS_MATRIX[operation]?.writes) {
            // Each refused write names the run, so that it could be found on the ledger if it got there.
            expect([operation, JSON.stringify(request).includes(f.token) || JSON.stringify(request).includes(f.cap)]).toEqual([
              operation,
              true,
            ]);
          }
          const answer = await call(operation, role);
          refused++;
          const refusal = refusalOf(operation, role);
          // The status first: a mismatch names the operation and role.
          expect([operation, role, answer.status]).toEqual([operation, role, refusal.status]);
          expectErrorShape(answer);
          const { code, message } = answer.body as { code: string; message: string };
          const byRoleGate = refusal.status === 404 || ROLE_REFUSAL.test(message);
          expect([operation, role, refusal.codes.includes(code), byRoleGate]).toEqual([operation, role, true, true]);
        }
      }),
    );
    expect(refused).toBeGreaterThan(100);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await runTransactionsSince(height)).toEqual([]);
    expect(await fixtureState(gw, f)).toEqual(before);
    process.stdout.write(
      `[reliability] ${String(refused)} refused calls over ${String(operations.length)} operations × ${String(ROLES.length)} roles\n`,
    );
  }, 600_000);

  it('every role the matrix admits passes the role gate (whatever the data then says)', async () => {
    let admitted = 0;
    for (const operation of operations.filter((op) => !NOT_SENT_WHEN_ADMITTED.has(op))) {
      for (const role of ACCESS_MATRIX[operation]?.allowed ?? []) {
        const answer = await call(operation, role);
        const message = (answer.body as { message?: unknown } | undefined)?.message;
        const roleRefusal = answer.status === 403 && typeof message === 'string' && ROLE_REFUSAL.test(message);
        expect([operation, role, answer.status !== 401 && answer.status < 500 && !roleRefusal, describeAnswer(answer)]).toEqual([
          operation,
          role,
          true,
          describeAnswer(answer),
        ]);
        if (answer.status >= 400) {
          expectErrorShape(answer);
        }
        admitted++;
      }
    }
    process.stdout.write(`[reliability] ${String(admitted)} admitted calls passed the role gate\n`);
  }, 600_000);
});

describe('the auditor', () => {
  it("may read every operation but the parties' private terms, and write only the cap and delinquency", () => {
    const reads = operations.filter((op) => !ACCESS_MATRIX[op]?.writes);
    const unreadable = reads.filter((op) => !ACCESS_MATRIX[op]?.allowed.includes('auditor'));
    expect(unreadable.sort()).toEqual(['GET /v1/financings/{financingId}/terms', 'GET /v1/pledges/{pledgeId}/terms']);
    const writes = operations.filter((op) => ACCESS_MATRIX[op]?.writes && ACCESS_MATRIX[op].allowed.includes('auditor'));
    expect(writes.sort()).toEqual([...AUDITOR_WRITES].sort());
  });

  it("sees every participant's records in the read model", async () => {
    await eventually(
      async () => {
        expect(await gw.ok('auditor', 'GET', '/v1/readmodel/status')).toMatchObject({ lag: '0' });
      },
      240_000,
      1_000,
    );
    const seen = async (credential: string, path: string): Promise<number> =>
      (await gw.ok<{ items: unknown[] }>(credential, 'GET', path)).items.length;
    expect(await seen('auditor', `/v1/search/receivables?rootId=${f.receivableId}`)).toBeGreaterThanOrEqual(1);
    expect(await seen('auditor', `/v1/search/financings?receivableId=${f.receivableId}`)).toBeGreaterThanOrEqual(1);
    expect(await seen('auditor', `/v1/search/payments?receivableId=${f.paidId}`)).toBe(1);
    expect(await seen('auditor', `/v1/search/credit-lines?bankMsp=BankAMSP&limit=100`)).toBeGreaterThanOrEqual(1);
    // …which another supplier and another bank do not (object-level scope of the read model).
    expect(await seen('supplier-2', `/v1/search/receivables?rootId=${f.issuedId}`)).toBe(0);
    expect(await seen('bank-b', `/v1/search/financings?receivableId=${f.receivableId}`)).toBe(0);
    expect(await seen('supplier-1', `/v1/search/receivables?rootId=${f.issuedId}`)).toBe(1);
  }, 300_000);
});
