import type { IdentityFiles } from '../ledger/org-network';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { EvaluateOptions, Ledger, SubmitOptions } from '../ledger/ledger';
import type { RouteModule } from '../http/route-context';
import { FakeLedgers, recorded, TEST_KEYS } from './fakes';
import { buildTestApp, type TestApp } from './test-app';
import type { ChaincodeCall, TransactionName } from '@scf/kernel/catalogue/catalogue';
import { answersSealed } from '@scf/kernel/catalogue/sealed-answers';
import { sealToCertificate } from '@scf/kernel/sealed-answer';
import { SEALING_CERT } from '@scf/kernel/testing/certificates';

export interface RecordedOptions {
  readonly transaction: string;
  readonly options: EvaluateOptions | SubmitOptions | undefined;
}

const utf8 = new TextEncoder();

/**
 * Unit tests only: FakeLedgers that also record each call's options (transient data, endorsing
 * organisations) and answer each transaction with a canned JSON value.
 */
export class ScriptedLedgers extends FakeLedgers {
  readonly options: RecordedOptions[] = [];
  readonly results = new Map<string, unknown>();

  constructor() {
    super();
    this.answer = (call) => {
      const result: unknown = this.results.has(call.transaction) ? this.results.get(call.transaction) : {};
      if (!answersSealed(`${call.contract}:${call.transaction}`)) {
        return utf8.encode(JSON.stringify(result));
      }
      // As the chaincode answers private terms: sealed to the caller's certificate (here the test sealing certificate).
      const context = `${call.contract}:${call.transaction} ${String(call.args[0])} tx-fake`;
      return utf8.encode(
        JSON.stringify(sealToCertificate(utf8.encode(JSON.stringify(result)), SEALING_CERT, utf8.encode(context), context)),
      );
    };
  }

  override forIdentity(identity: IdentityFiles): Ledger {
    const ledger = super.forIdentity(identity);
    return {
      ...ledger,
      evaluate: (call, options) => {
        this.options.push({ transaction: call.transaction, options });
        return ledger.evaluate(call);
      },
      submit: (call, options) => {
        this.options.push({ transaction: call.transaction, options });
        return ledger.submit(call);
      },
    };
  }

  optionsOf(transaction: string): EvaluateOptions | SubmitOptions | undefined {
    return [...this.options].reverse().find((o) => o.transaction === transaction)?.options;
  }

  reset(): void {
    this.calls.length = 0;
    this.options.length = 0;
    this.results.clear();
  }
}

export interface LedgerRouteHarness {
  readonly t: TestApp;
  readonly ledgers: ScriptedLedgers;
  /** As the test bank officer (BankAMSP/User1) unless another key is given. */
  send(method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown, key?: string): Promise<LightMyRequestResponse>;
}

export async function ledgerRouteHarness(routes: readonly RouteModule[]): Promise<LedgerRouteHarness> {
  const ledgers = new ScriptedLedgers();
  const t = await buildTestApp({ routes, ledgers });
  return {
    t,
    ledgers,
    send: (method, url, body, key = TEST_KEYS.bankOfficer) => {
      const request: InjectOptions = { method, url, headers: { authorization: `Bearer ${key}` } };
      return t.app.inject(body === undefined ? request : { ...request, payload: body as InjectOptions['payload'] });
    },
  };
}

/** One route: the request, the ledger call it must make, and the chaincode's answer to it. */
export interface LedgerRouteCase {
  readonly method: 'GET' | 'POST' | 'PUT';
  readonly url: string;
  readonly body?: unknown;
  /** The call the route must make, evaluated or submitted as the catalogue says. */
  readonly ledgerCall: ChaincodeCall;
  /** What the chaincode returns to that call. */
  readonly result: unknown;
  /** Answers to other transactions the use case calls first (e.g. a lookup). */
  readonly lookups?: Partial<Readonly<Record<TransactionName, unknown>>>;
  readonly status?: 200 | 201;
}

/** The call reaches the ledger as written, and the answer is the chaincode's result (plus the transaction on a submit), nothing dropped. */
export async function expectRouteReachesLedger(h: LedgerRouteHarness, c: LedgerRouteCase): Promise<void> {
  h.ledgers.reset();
  for (const [transaction, result] of Object.entries({ ...c.lookups, [c.ledgerCall.transaction]: c.result })) {
    h.ledgers.results.set(transaction, result);
  }
  const response = await h.send(c.method, c.url, c.body);
  expect({ status: response.statusCode, body: response.statusCode >= 300 ? response.json<unknown>() : 'ok' }).toEqual({
    status: c.status ?? 200,
    body: 'ok',
  });
  const via = c.ledgerCall.kind;
  expect(h.ledgers.calls[h.ledgers.calls.length - 1]).toEqual({
    identity: expect.any(String) as string,
    method: via,
    ...recorded(c.ledgerCall),
  });
  expect(response.json()).toEqual(
    via === 'submit' ? { ...(c.result as object), transactionId: expect.stringMatching(/^tx-/) as string, blockNumber: '7' } : c.result,
  );
}

interface ViolationBody {
  readonly code: string;
  readonly details?: { readonly violations?: readonly { readonly path: string }[] };
}

/** Refused by the schema: 400 INVALID_ARGUMENT naming `path`, and the ledger is never called. */
export async function expectSchemaRejects(
  h: LedgerRouteHarness,
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  body: unknown,
  path: string,
): Promise<void> {
  const before = h.ledgers.calls.length;
  const response = await h.send(method, url, body);
  const error = response.json<ViolationBody>();
  expect({ status: response.statusCode, code: error.code }).toEqual({ status: 400, code: 'INVALID_ARGUMENT' });
  expect(error.details?.violations?.map((v) => v.path)).toContain(path);
  expect(h.ledgers.calls.length).toBe(before);
}
