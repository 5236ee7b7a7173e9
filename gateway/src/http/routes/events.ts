import type { ServerResponse } from 'node:http';
import { ApiError, GatewayErrorCode } from '../api-error';
import { callerOf } from '../auth';
import type { RouteModule } from '../route-context';
import type { BlockEvent } from '../../events/ledger-events';
import { eventFor } from '../../events/event-visibility';
import { readerOfCaller, signerIdOf } from '../../readmodel/viewer';

const HEARTBEAT_MS = 15_000;
/** A client this far behind (bytes queued by the socket) is cut off rather than buffered without bound. */
const MAX_BUFFERED_BYTES = 1024 * 1024;

function sseFrame(event: BlockEvent): string {
  return `event: block\ndata: ${JSON.stringify(event)}\n\n`;
}

/**
 * GET /v1/events: a text/event-stream with one `block` event per block the read model projects.
 * Authenticated like every API route (the dashboard reads it with fetch, so it can send the
 * Authorization header). Each caller gets, per block, only the transactions about records the
 * visibility table (kernel/src/visibility.ts) lets it read, and those it signed; the auditor all.
 */
export const eventRoutes: RouteModule = (app, { stores, config }) => {
  const events = stores.readModel?.events;
  const repository = stores.readModel?.repository;
  if (!events || !repository) {
    return Promise.resolve();
  }
  const open = new Set<ServerResponse>();
  // Open streams per credential: each holds a socket and a subscription, so a credential's are capped.
  const perCredential = new Map<string, number>();
  const maxPerCredential = config.limits.eventStreamsPerCredential;
  // app.close() waits for open connections: end the streams first.
  app.addHook('preClose', (done) => {
    for (const response of open) {
      response.end();
    }
    done();
  });
  app.get(
    '/v1/events',
    {
      schema: {
        tags: ['system'],
        summary:
          'Server-sent events: `event: block`, data {blockNumber, transactions: [{txId, fn, chaincode, valid}]}, one per projected block',
        produces: ['text/event-stream'],
      },
    },
    async (request, reply) => {
      const caller = callerOf(request);
      const { credential } = caller;
      const streams = perCredential.get(credential) ?? 0;
      if (streams >= maxPerCredential) {
        throw new ApiError(
          GatewayErrorCode.EVENT_STREAMS_EXCEEDED,
          `credential ${credential} already has ${String(streams)} open event streams, the most it may have; close one first`,
          { limit: maxPerCredential },
        );
      }
      const reader = await readerOfCaller(caller, repository);
      const signer = { mspId: caller.mspId, clientId: signerIdOf(caller) ?? '' };
      perCredential.set(credential, streams + 1);
      reply.hijack();
      const response = reply.raw;
      response.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-request-id': request.id,
      });
      response.write('retry: 3000\n: connected\n\n');
      open.add(response);
      const send = (text: string): void => {
        if (response.writableLength > MAX_BUFFERED_BYTES) {
          response.destroy();
          return;
        }
        response.write(text);
      };
      const unsubscribe = events.subscribe((event) => {
        send(sseFrame(eventFor(reader, signer, event)));
      });
      const heartbeat = setInterval(() => {
        send(': keep-alive\n\n');
      }, HEARTBEAT_MS);
      heartbeat.unref();
      response.on('close', () => {
        clearInterval(heartbeat);
        unsubscribe();
        open.delete(response);
        const left = (perCredential.get(credential) ?? 1) - 1;
        if (left > 0) {
          perCredential.set(credential, left);
        } else {
          perCredential.delete(credential);
        }
      });
    },
  );
  return Promise.resolve();
};
