import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app';
import { CredentialStore } from '../../auth/credentials';
import type { ReadModelRepository } from '../../readmodel/repository';
import { IdempotencyStore } from '../../store/idempotency-store';
import { FakeLedgers, fakeNetwork, TEST_CREDENTIALS, TEST_KEYS, testConfig } from '../../testing/fakes';
import { temporaryDir, memoryLineTerms } from '../../testing/test-app';
import { eventRoutes } from './events';
import { LedgerEventPublisher } from '../../events/ledger-events';
import { fcn, tx } from '@scf/kernel/catalogue/catalogue';

type TextReader = ReadableStreamDefaultReader<string>;

function textReader(body: ReadableStream<Uint8Array> | null): TextReader {
  if (!body) {
    throw new Error('no body');
  }
  return body.pipeThrough(new TextDecoderStream()).getReader();
}

/** Reads an SSE response until `predicate` holds for the text read by this call (or the stream ends). */
async function readUntil(reader: TextReader, predicate: (text: string) => boolean): Promise<string> {
  let text = '';
  while (!predicate(text)) {
    const { value, done } = await reader.read();
    if (done) {
      break;
    }
    text += value;
  }
  return text;
}

describe('GET /v1/events', () => {
  const dir = temporaryDir();
  const events = new LedgerEventPublisher();
  let app: FastifyInstance;
  let idempotency: IdempotencyStore;
  let url: string;

  beforeAll(async () => {
    const config = testConfig(dir);
    idempotency = IdempotencyStore.open(config.sqlitePath);
    // The route asks the read model who the caller is registered as; here, nobody.
    const repository = { participantByIdentity: () => Promise.resolve(undefined) } as unknown as ReadModelRepository;
    app = await buildApp({
      config,
      credentials: new CredentialStore(TEST_CREDENTIALS, fakeNetwork()),
      ledgers: new FakeLedgers(),
      stores: { idempotency, lineTerms: memoryLineTerms(), readModel: { repository, listenerStatus: () => undefined, events } },
      routes: [eventRoutes],
    });
    url = await app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await app.close();
    idempotency.close();
  });

  it('needs an API key', async () => {
    const res = await fetch(`${url}/v1/events`);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('streams one `block` event per published block to each open stream, and stops on disconnect', async () => {
    const controller = new AbortController();
    const res = await fetch(`${url}/v1/events`, { headers: { authorization: `Bearer ${TEST_KEYS.auditor}` }, signal: controller.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const body = textReader(res.body);
    expect(await readUntil(body, (t) => t.includes(': connected'))).toContain('retry: 3000');
    expect(events.subscriberCount).toBe(1);

    const event = {
      blockNumber: '17',
      transactions: [{ txId: 'abc', fn: fcn(tx.receivable.ConfirmReceivable), chaincode: 'scf', valid: true }],
    };
    events.publish(event);
    const frame = await readUntil(body, (t) => t.includes('\n\n'));
    expect(frame).toBe(`event: block\ndata: ${JSON.stringify(event)}\n\n`);

    // A caller the read model knows nothing of hears of no transaction, only of the block.
    const other = await fetch(`${url}/v1/events`, {
      headers: { authorization: `Bearer ${TEST_KEYS.supplier1}` },
      signal: controller.signal,
    });
    const otherBody = textReader(other.body);
    await readUntil(otherBody, (t) => t.includes(': connected'));
    events.publish(event);
    expect(await readUntil(otherBody, (t) => t.includes('\n\n'))).toBe(
      `event: block\ndata: ${JSON.stringify({ blockNumber: '17', transactions: [] })}\n\n`,
    );

    controller.abort();
    const deadline = Date.now() + 5000;
    while (events.subscriberCount > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(events.subscriberCount).toBe(0);
  });

  it('app.close() ends open streams instead of waiting on them', async () => {
    const config = testConfig(temporaryDir());
    const store = IdempotencyStore.open(config.sqlitePath);
    const publisher = new LedgerEventPublisher();
    const other = await buildApp({
      config,
      credentials: new CredentialStore(TEST_CREDENTIALS, fakeNetwork()),
      ledgers: new FakeLedgers(),
      stores: {
        idempotency: store,
        lineTerms: memoryLineTerms(),
        readModel: { repository: {} as ReadModelRepository, listenerStatus: () => undefined, events: publisher },
      },
      routes: [eventRoutes],
    });
    const otherUrl = await other.listen({ host: '127.0.0.1', port: 0 });
    const res = await fetch(`${otherUrl}/v1/events`, { headers: { authorization: `Bearer ${TEST_KEYS.bankOfficer}` } });
    const body = textReader(res.body);
    await readUntil(body, (t) => t.includes(': connected'));
    await other.close();
    store.close();
    // The stream ends (done) rather than hanging.
    expect(await readUntil(body, () => false)).toBe('');
    expect(publisher.subscriberCount).toBe(0);
  });

  it('is not registered when the process runs no read model listener', async () => {
    const config = testConfig(temporaryDir());
    const store = IdempotencyStore.open(config.sqlitePath);
    const bare = await buildApp({
      config,
      credentials: new CredentialStore(TEST_CREDENTIALS, fakeNetwork()),
      ledgers: new FakeLedgers(),
      stores: { idempotency: store, lineTerms: memoryLineTerms() },
      routes: [eventRoutes],
    });
    const res = await bare.inject({ method: 'GET', url: '/v1/events', headers: { authorization: `Bearer ${TEST_KEYS.bankOfficer}` } });
    expect(res.statusCode).toBe(404);
    await bare.close();
    store.close();
  });
});
