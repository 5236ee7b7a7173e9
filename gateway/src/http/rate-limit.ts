import type { FastifyInstance } from 'fastify';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A costly route (chain verification, stress runs): its own, lower rate per credential. */
    heavy?: boolean;
  }
}
import { ApiError, GatewayErrorCode } from './api-error';

export interface RateLimit {
  readonly perSecond: number;
  readonly burst: number;
}

export type Admission = { readonly admitted: true } | { readonly admitted: false; readonly retryAfterSeconds: number };

/** One token bucket per key: `burst` requests at once, refilled at `perSecond`. */
export class TokenBuckets {
  readonly #buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly limit: RateLimit,
    private readonly nowMs: () => number = () => performance.now(),
  ) {}

  take(key: string): Admission {
    const now = this.nowMs();
    const bucket = this.#buckets.get(key) ?? { tokens: this.limit.burst, at: now };
    bucket.tokens = Math.min(this.limit.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.limit.perSecond);
    bucket.at = now;
    this.#buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { admitted: true };
    }
    return { admitted: false, retryAfterSeconds: this.#retryAfter(bucket.tokens) };
  }

  /** Whether `take` would admit now, without taking a token. */
  peek(key: string): Admission {
    const bucket = this.#buckets.get(key);
    if (bucket === undefined) {
      return { admitted: true };
    }
    const tokens = Math.min(this.limit.burst, bucket.tokens + ((this.nowMs() - bucket.at) / 1000) * this.limit.perSecond);
    return tokens >= 1 ? { admitted: true } : { admitted: false, retryAfterSeconds: this.#retryAfter(tokens) };
  }

  #retryAfter(tokens: number): number {
    return Math.max(1, Math.ceil((1 - tokens) / this.limit.perSecond));
  }
}

/** A rate given per minute, as the token buckets take it. */
export function perMinute(limit: { readonly perMinute: number; readonly burst: number }): RateLimit {
  return { perSecond: limit.perMinute / 60, burst: limit.burst };
}

/**
 * 429 with Retry-After once a credential exceeds its rate (RATE_LIMITED), or, on a route marked
 * `heavy`, its own lower rate of that route (HEAVY_RATE_LIMITED); runs after authentication.
 */
export function installRateLimit(
  app: FastifyInstance,
  limit: RateLimit,
  heavyLimit: RateLimit = limit,
  buckets = new TokenBuckets(limit),
  heavyBuckets = new TokenBuckets(heavyLimit),
): void {
  app.addHook('onRequest', (request, reply, done) => {
    if (request.caller === null) {
      done();
      return;
    }
    const credential = request.caller.credential;
    const admission = buckets.take(credential);
    if (!admission.admitted) {
      void reply.header('Retry-After', String(admission.retryAfterSeconds));
      done(
        new ApiError(GatewayErrorCode.RATE_LIMITED, `credential ${credential} is over ${String(limit.perSecond)} requests per second`, {
          retryAfterSeconds: admission.retryAfterSeconds,
        }),
      );
      return;
    }
    const route = request.routeOptions.url;
    if (request.routeOptions.config.heavy !== true || route === undefined) {
      done();
      return;
    }
    const heavy = heavyBuckets.take(`${credential} ${request.method} ${route}`);
    if (heavy.admitted) {
      done();
      return;
    }
    void reply.header('Retry-After', String(heavy.retryAfterSeconds));
    done(
      new ApiError(
        GatewayErrorCode.HEAVY_RATE_LIMITED,
        `credential ${credential} is over its rate of ${request.method} ${route} (${String(Math.round(heavyLimit.perSecond * 60))} a minute, ${String(heavyLimit.burst)} at once)`,
        { retryAfterSeconds: heavy.retryAfterSeconds },
      ),
    );
  });
}
