import { canonicalJson, sha256Hex } from '@scf/chaincode/domain/canonical-json';
import { ErrorCode } from '@scf/chaincode/domain/errors';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { IdempotencyStore } from '../store/idempotency-store';
import { ApiError, GatewayErrorCode } from './api-error';

declare module 'fastify' {
  interface FastifyRequest {
    /** The key this request holds in flight, until its response is stored or released. */
    idempotencyClaim: { readonly scope: string; readonly key: string } | null;
  }
}

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
export const IDEMPOTENT_REPLAY_HEADER = 'idempotent-replay';

const MUTATING_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const VALID_KEY = /^[\x20-\x7E]{1,128}$/;

type IdempotencyKeys = Pick<IdempotencyStore, 'claim' | 'complete' | 'release'>;

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
    throw new ApiError(400, ErrorCode.INVALID_ARGUMENT, 'Idempotency-Key must be 1 to 128 printable ASCII characters');
  }
  return header;
}

function claimKey(keys: IdempotencyKeys, request: FastifyRequest, reply: FastifyReply): boolean {
  const key = idempotencyKeyOf(request);
  if (key === undefined || request.caller === null) {
    return false;
  }
  const scope = request.caller.credential;
  const outcome = keys.claim({ scope, key, method: request.method, path: request.url, bodyHash: bodyFingerprint(request.body) });
  switch (outcome.kind) {
    case 'claimed':
      request.idempotencyClaim = { scope, key };
      return false;
    case 'replay':
      void reply.header(IDEMPOTENT_REPLAY_HEADER, 'true').code(outcome.status).type(outcome.contentType).send(outcome.body);
      return true;
    case 'in-flight':
      throw new ApiError(409, GatewayErrorCode.IDEMPOTENCY_IN_FLIGHT, 'a request with this Idempotency-Key is still being processed; retry later');
    case 'mismatch':
      throw new ApiError(422, GatewayErrorCode.IDEMPOTENCY_KEY_REUSED, 'this Idempotency-Key was used for a different request');
  }
}

/**
 * Idempotency-Key on mutating requests, per credential: the first request runs, a replay of a
 * finished one gets its response verbatim, a concurrent replay gets 409, a different request
 * under the same key gets 422. A 5xx releases the key so that the client can retry.
 */
export function installIdempotency(app: FastifyInstance, keys: IdempotencyKeys): void {
  app.decorateRequest('idempotencyClaim', null);
  // preHandler: after authentication and schema validation, so a malformed request never holds a key.
  app.addHook('preHandler', (request, reply, done) => {
    if (!MUTATING_METHODS.has(request.method)) {
      done();
      return;
    }
    let replayed: boolean;
    try {
      replayed = claimKey(keys, request, reply);
    } catch (error) {
      done(error as Error);
      return;
    }
    if (!replayed) {
      done();
    }
  });
  app.addHook('onSend', (request, reply, payload, done) => {
    const claim = request.idempotencyClaim;
    if (claim !== null) {
      request.idempotencyClaim = null;
      if (reply.statusCode >= 500 || typeof payload !== 'string') {
        keys.release(claim.scope, claim.key);
      } else {
        const contentType = reply.getHeader('content-type');
        keys.complete(claim.scope, claim.key, {
          status: reply.statusCode,
          body: payload,
          contentType: typeof contentType === 'string' ? contentType : 'application/json; charset=utf-8',
        });
      }
    }
    done(null, payload);
  });
}
