import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { IncomingHttpHeaders } from 'node:http';
import type { Caller, CredentialStore } from '../auth/credentials';
import { ApiError, GatewayErrorCode } from './api-error';
import type { TokenBuckets } from './rate-limit';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the auth hook on every non-public route; null only on public ones. */
    caller: Caller | null;
  }
  interface FastifyContextConfig {
    /** No credential needed (health, readiness, metrics, docs). */
    public?: boolean;
  }
}

const BEARER = /^Bearer[ \t]+([^\s]+)[ \t]*$/i;
const DOCS_PREFIX = '/docs';

export function presentedApiKey(headers: IncomingHttpHeaders): string | undefined {
  const authorization = headers.authorization;
  if (authorization !== undefined) {
    return BEARER.exec(authorization)?.[1];
  }
  const apiKey = headers['x-api-key'];
  return typeof apiKey === 'string' && apiKey.length > 0 ? apiKey : undefined;
}

function isPublic(request: FastifyRequest): boolean {
  const url = request.routeOptions.url;
  return (
    request.is404 ||
    request.routeOptions.config.public === true ||
    (url !== undefined && (url === DOCS_PREFIX || url.startsWith(`${DOCS_PREFIX}/`)))
  );
}

/**
 * Every non-public request must present an API key; the key decides the Fabric identity. There
 * is no parameter anywhere to choose another identity, so a caller can only ever act as itself.
 * Failed authentications (a key presented that is not valid) are counted per client address
 * in `failures`: once over their rate, keys from that address are not even checked, and every
 * keyed request is 429 AUTH_RATE_LIMITED until Retry-After, so keys cannot be guessed at speed.
 */
export function installAuthentication(
  app: FastifyInstance,
  credentials: Pick<CredentialStore, 'authenticate'>,
  failures?: TokenBuckets,
): void {
  app.decorateRequest('caller', null);
  app.addHook('onRequest', (request, reply, done) => {
    if (isPublic(request)) {
      done();
      return;
    }
    const apiKey = presentedApiKey(request.headers);
    const throttled = apiKey === undefined ? undefined : failures?.peek(request.ip);
    if (throttled !== undefined && !throttled.admitted) {
      void reply.header('Retry-After', String(throttled.retryAfterSeconds));
      done(
        new ApiError(GatewayErrorCode.AUTH_RATE_LIMITED, 'too many failed authentications from this address; retry later', {
          retryAfterSeconds: throttled.retryAfterSeconds,
        }),
      );
      return;
    }
    const caller = apiKey === undefined ? undefined : credentials.authenticate(apiKey);
    if (caller === undefined) {
      if (apiKey !== undefined) {
        failures?.take(request.ip);
      }
      const message =
        apiKey === undefined
          ? 'an API key is required: send "Authorization: Bearer <key>" or "X-Api-Key: <key>"'
          : 'the API key is not valid';
      done(new ApiError(GatewayErrorCode.UNAUTHENTICATED, message));
      return;
    }
    request.caller = caller;
    request.log = request.log.child({ caller: caller.credential });
    done();
  });
}

/** The authenticated caller; throws 401 if a route forgot to require one. */
export function callerOf(request: FastifyRequest): Caller {
  if (request.caller === null) {
    throw new ApiError(GatewayErrorCode.UNAUTHENTICATED, 'an API key is required');
  }
  return request.caller;
}
