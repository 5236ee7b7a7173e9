import type { FastifyInstance } from 'fastify';
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
    return { admitted: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / this.limit.perSecond)) };
  }
}

/** 429 with Retry-After once a credential exceeds its rate; runs after authentication. */
export function installRateLimit(app: FastifyInstance, limit: RateLimit, buckets = new TokenBuckets(limit)): void {
  app.addHook('onRequest', (request, reply, done) => {
    if (request.caller === null) {
      done();
      return;
    }
    const admission = buckets.take(request.caller.credential);
    if (admission.admitted) {
      done();
      return;
    }
    void reply.header('Retry-After', String(admission.retryAfterSeconds));
    done(
      new ApiError(
        GatewayErrorCode.RATE_LIMITED,
        `credential ${request.caller.credential} is over ${String(limit.perSecond)} requests per second`,
        { retryAfterSeconds: admission.retryAfterSeconds },
      ),
    );
  });
}
