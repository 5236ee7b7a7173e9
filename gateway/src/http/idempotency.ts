import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CommitOutcomeUnknownError } from '../ledger/errors';
import type { TransactionFate } from '../ledger/ledger';
import type { IdempotencyStore, StoredResponse } from '../store/idempotency-store';
import { ApiError, GatewayErrorCode } from './api-error';
import { canonicalJson, sha256Hex } from '@scf/kernel/canonical-json';
import { ErrorCode } from '@scf/kernel/errors';

declare module 'fastify' {
  interface FastifyRequest {
    /** The key this request holds in flight, until its response is stored or released. */
    idempotencyClaim: { readonly scope: string; readonly key: string } | null;
    /** Set when the request submitted a transaction whose commit is unknown: the key stays bound to it. */
    idempotencyUnknownOutcome: {
      readonly transactionId: string;
      readonly answer: StoredResponse;
      readonly envelope: Uint8Array | undefined;
      readonly sendUntilMs: number | undefined;
    } | null;
  }
}

/**
 * Asks the ledger, as the caller, what became of a transaction submitted earlier; given its signed
 * envelope, one the ledger does not know yet is sent again (the same envelope cannot commit twice).
 */
export type TransactionFateOf = (
  request: FastifyRequest,
  transactionId: string,
  envelope: Uint8Array | undefined,
) => Promise<TransactionFate>;

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
export const IDEMPOTENT_REPLAY_HEADER = 'idempotent-replay';

const MUTATING_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const VALID_KEY = /^[\x20-\x7E]{1,128}$/;

type IdempotencyKeys = Pick<IdempotencyStore, 'claim' | 'complete' | 'release' | 'bindToTransaction'>;

const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';
const utf8 = new TextDecoder();

/** Equal JSON bodies (whatever their key order or spacing) give equal hashes. */
export function bodyFingerprint(body: unknown): string {
  let text: string;
  try {
    text = canonicalJson(body ?? null);
  } catch {
    // Not canonicalisable (e.g. a fractional number): the raw serialisation still tells bodies apart.
    text = JSON.stringify(body);
  }
  return sha256Hex(text);
}

function idempotencyKeyOf(request: FastifyRequest): string | undefined {
  const header = request.headers[IDEMPOTENCY_KEY_HEADER];
  if (header === undefined) {
    return undefined;
  }
  if (typeof header !== 'string' || !VALID_KEY.test(header)) {
    throw new ApiError(ErrorCode.INVALID_ARGUMENT, 'Idempotency-Key must be 1 to 128 printable ASCII characters');
  }
  return header;
}

function sendReplay(reply: FastifyReply, response: StoredResponse): void {
  void reply.header(IDEMPOTENT_REPLAY_HEADER, 'true').code(response.status).type(response.contentType).send(response.body);
}

type UnknownOutcome = Extract<ReturnType<IdempotencyKeys['claim']>, { kind: 'outcome-unknown' }>;

/**
 * A key bound to a transaction whose commit was unknown: asks the ledger about it. True when
 * answered here (it committed); false when the key was released for the request to run anew
 * (invalidated, or unknown with its decision expired); 503 while it is unknown and still live.
 */
async function settleUnknownOutcome(
  keys: IdempotencyKeys,
  request: FastifyRequest,
  reply: FastifyReply,
  fateOf: TransactionFateOf | undefined,
  { scope, key, outcome }: { readonly scope: string; readonly key: string; readonly outcome: UnknownOutcome },
): Promise<boolean> {
  const fate = fateOf === undefined ? ({ state: 'unknown' } as const) : await fateOf(request, outcome.transactionId, outcome.envelope);
  if (fate.state === 'committed') {
    // It did commit: the success it would have answered, from its endorsed result.
    keys.complete(scope, key, outcome.answer);
    request.log.info({ txId: outcome.transactionId }, 'idempotent retry: the earlier transaction committed');
    sendReplay(reply, outcome.answer);
    return true;
  }
  if (fate.state === 'invalid') {
    request.log.info(
      { txId: outcome.transactionId, validationCode: fate.validationCode },
      'idempotent retry: the earlier transaction was invalidated; running the request anew',
    );
    keys.release(scope, key);
    return false;
  }
  if (outcome.expired) {
    // Its decision expired and nothing will send it again: decide anew (a fresh assessment).
    // Should the old copy still commit, the new transaction conflicts with it: one commits at most.
    request.log.info(
      { txId: outcome.transactionId },
      'idempotent retry: the earlier transaction is unknown and its decision expired; running the request anew',
    );
    keys.release(scope, key);
    return false;
  }
  throw new ApiError(
    GatewayErrorCode.COMMIT_STATUS_UNKNOWN,
    'the transaction of the first request with this Idempotency-Key is not known to have committed or failed yet; retry later (no new transaction was made: only that same one was sent again)',
    { transactionId: outcome.transactionId },
  );
}

/** True when the request was answered here (a replay); false when it should run. */
async function claimKey(
  keys: IdempotencyKeys,
  request: FastifyRequest,
  reply: FastifyReply,
  fateOf: TransactionFateOf | undefined,
): Promise<boolean> {
  const key = idempotencyKeyOf(request);
  if (key === undefined || request.caller === null) {
    return false;
  }
  const scope = request.caller.credential;
  const claim = { scope, key, method: request.method, path: request.url, bodyHash: bodyFingerprint(request.body) };
  // Twice at most: a key bound to a transaction that turned out invalid (or expired unknown) is released, then claimed anew.
  for (let round = 0; round < 2; round++) {
    const outcome = keys.claim(claim);
    switch (outcome.kind) {
      case 'claimed':
        request.idempotencyClaim = { scope, key };
        return false;
      case 'replay':
        sendReplay(reply, outcome);
        return true;
      case 'in-flight':
        throw new ApiError(
          GatewayErrorCode.IDEMPOTENCY_IN_FLIGHT,
          'a request with this Idempotency-Key is still being processed; retry later',
        );
      case 'mismatch':
        throw new ApiError(GatewayErrorCode.IDEMPOTENCY_KEY_REUSED, 'this Idempotency-Key was used for a different request');
      case 'outcome-unknown':
        if (await settleUnknownOutcome(keys, request, reply, fateOf, { scope, key, outcome })) {
          return true;
        }
        break;
    }
  }
  throw new ApiError(GatewayErrorCode.IDEMPOTENCY_IN_FLIGHT, 'a request with this Idempotency-Key is still being processed; retry later');
}

/** The lowest 2xx status the route documents (201 for a create), 200 when it documents none. */
function successStatusOf(request: FastifyRequest): number {
  const response = (request.routeOptions.schema as { response?: Record<string, unknown> } | undefined)?.response ?? {};
  const statuses = Object.keys(response)
    .map(Number)
    .filter((status) => status >= 200 && status < 300);
  return statuses.length === 0 ? 200 : Math.min(...statuses);
}

/**
 * What the request would have answered had the commit been confirmed: the route's own answer
 * when it gave one, else the chaincode's endorsed JSON result with its transaction id (the shape
 * of every ordinary write, see usecases/ledger-json.ts).
 */
function successAnswerOf(request: FastifyRequest, error: CommitOutcomeUnknownError): StoredResponse {
  if (error.answer !== undefined) {
    return { status: error.answer.status, body: JSON.stringify(error.answer.body), contentType: JSON_CONTENT_TYPE };
  }
  let result: unknown;
  try {
    result = JSON.parse(utf8.decode(error.result));
  } catch {
    result = {};
  }
  const body =
    typeof result === 'object' && result !== null && !Array.isArray(result)
      ? { ...result, transactionId: error.transactionId }
      : { transactionId: error.transactionId };
  return { status: successStatusOf(request), body: JSON.stringify(body), contentType: JSON_CONTENT_TYPE };
}

/**
 * Idempotency-Key on mutating requests, per credential: the first request runs, a replay of a
 * finished one gets its response verbatim, a concurrent replay gets 409, a different request
 * under the same key gets 422. A 5xx releases the key so that the client can retry — except a
 * 503 after a submit whose commit is unknown: the key then stays bound to that transaction id,
 * and a retry first asks the ledger about it (fateOf): committed → the success answer (built from
 * the endorsed result); invalidated → released and run anew; still unknown → 503 again, and
 * nothing new is submitted.
 */
export function installIdempotency(app: FastifyInstance, keys: IdempotencyKeys, fateOf?: TransactionFateOf): void {
  app.decorateRequest('idempotencyClaim', null);
  app.decorateRequest('idempotencyUnknownOutcome', null);
  // preHandler: after authentication and schema validation, so a malformed request never holds a key.
  app.addHook('preHandler', async (request, reply) => {
    if (!MUTATING_METHODS.has(request.method)) {
      return;
    }
    if (await claimKey(keys, request, reply, fateOf)) {
      return reply;
    }
  });
  app.addHook('onError', (request, _reply, error, done) => {
    if (request.idempotencyClaim !== null && error instanceof CommitOutcomeUnknownError) {
      request.idempotencyUnknownOutcome = {
        transactionId: error.transactionId,
        answer: successAnswerOf(request, error),
        envelope: error.envelope,
        sendUntilMs: error.sendUntilMs,
      };
    }
    done();
  });
  app.addHook('onSend', (request, reply, payload, done) => {
    const claim = request.idempotencyClaim;
    if (claim !== null) {
      request.idempotencyClaim = null;
      const unknown = request.idempotencyUnknownOutcome;
      if (unknown !== null && reply.statusCode === 503) {
        keys.bindToTransaction(claim.scope, claim.key, unknown.transactionId, unknown.answer, unknown.envelope, unknown.sendUntilMs);
      } else if (reply.statusCode >= 500 || typeof payload !== 'string') {
        keys.release(claim.scope, claim.key);
      } else {
        const contentType = reply.getHeader('content-type');
        keys.complete(claim.scope, claim.key, {
          status: reply.statusCode,
          body: payload,
          contentType: typeof contentType === 'string' ? contentType : JSON_CONTENT_TYPE,
        });
      }
    }
    done(null, payload);
  });
}
