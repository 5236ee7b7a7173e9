import type { FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';
import crypto from 'node:crypto';

export const REQUEST_ID_HEADER = 'x-request-id';

/** What we accept from a client as its request id: short, and safe to put in logs and headers. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Fastify's genReqId: the caller's X-Request-Id when it is sane, else a fresh UUID. */
export function requestIdOf(request: IncomingMessage): string {
  const incoming = request.headers[REQUEST_ID_HEADER];
  return typeof incoming === 'string' && SANE_REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID();
}

export function echoRequestId(request: FastifyRequest, reply: FastifyReply, done: () => void): void {
  void reply.header(REQUEST_ID_HEADER, request.id);
  done();
}

/** From here on, every log line of this request carries the Fabric transaction id. */
export function logTransactionId(request: FastifyRequest, transactionId: string): void {
  request.log = request.log.child({ txId: transactionId });
}
