import type { Checkpoint, CloseableAsyncIterable } from '@hyperledger/fabric-gateway';
import type { common } from '@hyperledger/fabric-protos';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BlockSource } from '../ledger/block-source';
import { decodeBlock } from '../readmodel/decode-block';
import { ReadModelListener } from '../readmodel/listener';
import { openSqliteReadModel } from '../readmodel/sqlite-repository';
import { buildBlock } from '../readmodel/testing/block-builder';
import { scenarioBlocks } from '../readmodel/testing/scenario';
import { blockEventOf, LedgerEventPublisher, type BlockEvent } from './ledger-events';
import { fcn, tx } from '@scf/kernel/catalogue/catalogue';

const event = (n: number): BlockEvent => ({ blockNumber: String(n), transactions: [] });

describe('LedgerEventPublisher', () => {
  it('sends each event to every subscriber until it unsubscribes', () => {
    const publisher = new LedgerEventPublisher();
    const a: string[] = [];
    const b: string[] = [];
    const stopA = publisher.subscribe((e) => a.push(e.blockNumber));
    publisher.subscribe((e) => b.push(e.blockNumber));
    publisher.publish(event(1));
    stopA();
    publisher.publish(event(2));
    expect(a).toEqual(['1']);
    expect(b).toEqual(['1', '2']);
    expect(publisher.subscriberCount).toBe(1);
  });

  it('drops a subscriber that throws; the others still get the event and publish never throws', () => {
    const publisher = new LedgerEventPublisher();
    const got: string[] = [];
    publisher.subscribe(() => {
      throw new Error('client gone');
    });
    publisher.subscribe((e) => got.push(e.blockNumber));
    expect(() => {
      publisher.publish(event(1));
    }).not.toThrow();
    publisher.publish(event(2));
    expect(got).toEqual(['1', '2']);
    expect(publisher.subscriberCount).toBe(1);
  });

  it('the same function subscribed twice is two subscriptions, each removed on its own', () => {
    const publisher = new LedgerEventPublisher();
    const got: string[] = [];
    const listener = (e: BlockEvent): void => {
      got.push(e.blockNumber);
    };
    const first = publisher.subscribe(listener);
    publisher.subscribe(listener);
    first();
    publisher.publish(event(7));
    expect(got).toEqual(['7']);
  });
});

describe('blockEventOf', () => {
  it('names the block and, per transaction, its id, function, chaincode and whether it is valid', () => {
    const block = buildBlock(42, [
      { txId: 'tx-ok', fn: fcn(tx.receivable.IssueReceivable) },
      { txId: 'tx-bad', fn: fcn(tx.financing.ApproveFinancing), validationCode: 11 },
    ]);
    expect(blockEventOf(decodeBlock(block))).toEqual({
      blockNumber: '42',
      transactions: [
        { txId: 'tx-ok', fn: fcn(tx.receivable.IssueReceivable), chaincode: 'scf', valid: true },
        { txId: 'tx-bad', fn: fcn(tx.financing.ApproveFinancing), chaincode: 'scf', valid: false },
      ],
    });
  });
});

/** Every stream starts two blocks before the checkpoint (as a peer may redeliver), then stays open. */
class RedeliveringSource implements BlockSource {
  readonly #blocks = scenarioBlocks();

  blocks(checkpoint: Checkpoint): Promise<CloseableAsyncIterable<common.Block>> {
    const start = Math.max(0, Number(checkpoint.getBlockNumber() ?? 0n) - 2);
    let release: () => void = () => undefined;
    const blocks = this.#blocks.slice(start);
    async function* stream(): AsyncGenerator<common.Block> {
      yield* blocks;
      await new Promise<void>((resolve) => {
        release = resolve;
      });
    }
    const iterable = stream();
    return Promise.resolve({
      [Symbol.asyncIterator]: () => iterable,
      [Symbol.dispose]: () => undefined,
      close: () => {
        release();
      },
    });
  }

  close(): void {
    // nothing to free
  }
}

describe('the read model listener feeds the publisher', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scf-ledger-events-'));
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('once per projected block, after it is in the read model; never for a redelivered block', async () => {
    const repository = await openSqliteReadModel(path.join(dir, 'rm.db'));
    const total = scenarioBlocks().length;
    const seen: { block: string; nextBlockThen: bigint }[] = [];
    const pending: Promise<void>[] = [];
    const quiet = { info: jest.fn(), warn: jest.fn(), error: jest.fn() };
    const run = async (): Promise<void> => {
      const listener = new ReadModelListener({
        repository,
        source: new RedeliveringSource(),
        chaincode: 'scf',
        logger: quiet,
        onBlockProjected: (block) => {
          pending.push(
            repository.nextBlock().then((next) => {
              seen.push({ block: String(block.number), nextBlockThen: next });
            }),
          );
        },
      });
      listener.start();
      const deadline = Date.now() + 10_000;
      while ((await repository.nextBlock()) < BigInt(total) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      await listener.stop();
    };
    await run();
    // A restart: the new stream redelivers two blocks already projected.
    await run();
    await Promise.all(pending);
    expect(seen.map((s) => s.block)).toEqual(Array.from({ length: total }, (_, i) => String(i)));
    for (const { block, nextBlockThen } of seen) {
      expect(nextBlockThen).toBeGreaterThan(BigInt(block));
    }
    await repository.close();
  });
});
