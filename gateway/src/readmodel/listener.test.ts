import type { Checkpoint, CloseableAsyncIterable } from '@hyperledger/fabric-gateway';
import type { common } from '@hyperledger/fabric-protos';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BlockSource } from '../ledger/block-source';
import { ReadModelListener } from './listener';
import type { ReadModelRepository } from './repository';
import { openSqliteReadModel } from './sqlite-repository';
import { scenarioBlocks } from './testing/scenario';
import { checksum, projections } from './testing/repository-contract';

/**
 * Replays the scenario like a flaky peer: every stream starts two blocks before the requested
 * checkpoint (redelivery), the first streams fail after a few blocks, and a stream that has
 * sent everything stays open until closed, as a live one does.
 */
class FlakySource implements BlockSource {
  readonly requestedFrom: bigint[] = [];
  #failuresLeft: number;
  readonly #blocks = scenarioBlocks();

  constructor(failures: number) {
    this.#failuresLeft = failures;
  }

  blocks(checkpoint: Checkpoint): Promise<CloseableAsyncIterable<common.Block>> {
    const from = checkpoint.getBlockNumber() ?? 0n;
    this.requestedFrom.push(from);
    const start = Math.max(0, Number(from) - 2);
    const failAfter = this.#failuresLeft-- > 0 ? 3 : Number.POSITIVE_INFINITY;
    let closed = false;
    let release: () => void = () => undefined;
    const blocks = this.#blocks;
    async function* stream(): AsyncGenerator<common.Block> {
      let sent = 0;
      for (const block of blocks.slice(start)) {
        if (closed) {
          return;
        }
        if (sent++ === failAfter) {
          throw new Error('14 UNAVAILABLE: peer went away');
        }
        yield block;
        await Promise.resolve();
      }
      await new Promise<void>((resolve) => {
        release = resolve;
      });
    }
    const iterable = stream();
    return Promise.resolve({
      [Symbol.asyncIterator]: () => iterable,
      [Symbol.dispose]: () => undefined,
      close: () => {
        closed = true;
        release();
      },
    });
  }

  close(): void {
    // nothing to free
  }
}

const quiet = { info: jest.fn(), warn: jest.fn(), error: jest.fn() };

async function waitForBlock(repository: ReadModelRepository, next: bigint): Promise<void> {
  const deadline = Date.now() + 10_000;
  while ((await repository.nextBlock()) < next) {
    if (Date.now() > deadline) {
      throw new Error(`read model stuck at block ${String(await repository.nextBlock())}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('ReadModelListener', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scf-readmodel-listener-'));
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('survives failing streams and redelivered blocks: every block applied exactly once', async () => {
    const reference = await openSqliteReadModel(path.join(dir, 'reference.db'));
    for (const projection of projections()) {
      await reference.applyBlock(projection);
    }
    const expected = await checksum(reference);
    await reference.close();

    const repository = await openSqliteReadModel(path.join(dir, 'flaky.db'));
    const source = new FlakySource(3);
    const listener = new ReadModelListener({ repository, source, chaincode: 'scf', logger: quiet, initialBackoffMs: 1, maxBackoffMs: 5 });
    listener.start();
    await waitForBlock(repository, 10n);
    expect(listener.status()).toMatchObject({ running: true, connected: true, reconnects: 3, lastError: '14 UNAVAILABLE: peer went away' });
    await listener.stop();
    expect(listener.status().running).toBe(false);
    // Each stream was opened at the stored checkpoint: 0, then 3, 4 and 5 (each failed stream
    // redelivered two old blocks and added one new one).
    expect(source.requestedFrom).toEqual([0n, 3n, 4n, 5n]);
    expect(await checksum(repository)).toBe(expected);
    await repository.close();
  });

  it('resumes after a restart from the stored checkpoint', async () => {
    const file = path.join(dir, 'restart.db');
    const first = await openSqliteReadModel(file);
    for (const projection of projections().slice(0, 6)) {
      await first.applyBlock(projection);
    }
    await first.close();

    const repository = await openSqliteReadModel(file);
    const source = new FlakySource(0);
    const listener = new ReadModelListener({ repository, source, chaincode: 'scf', logger: quiet });
    listener.start();
    await waitForBlock(repository, 10n);
    await listener.stop();
    expect(source.requestedFrom).toEqual([6n]);
    expect(await repository.status()).toEqual({ nextBlock: 10n, transactionCount: 29, skippedCount: 0 });
    await repository.close();
  });
});
