/** Unit tests: PeerHeights' bounded read-your-writes wait and its reconnecting block streams, over scripted peers. */
import { PeerHeights, type BlockNumberStream, type PeerBlockSource } from './peer-heights';

/** A block stream the test pushes block numbers into, or breaks. */
class ScriptedStream implements BlockNumberStream {
  closed = false;
  readonly #queue: bigint[] = [];
  #wake: (() => void) | undefined;
  #failure: Error | undefined;

  push(blockNumber: bigint): void {
    this.#queue.push(blockNumber);
    this.#wake?.();
  }

  fail(error: Error): void {
    this.#failure = error;
    this.#wake?.();
  }

  close(): void {
    this.closed = true;
    this.#wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<bigint> {
    for (;;) {
      const next = this.#queue.shift();
      if (next !== undefined) {
        yield next;
        continue;
      }
      if (this.#failure) {
        throw this.#failure;
      }
      if (this.closed) {
        return;
      }
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
      });
    }
  }
}

/** A peer at `height`; every blocks() call opens a new stream, recorded with its start block. */
class ScriptedPeer implements PeerBlockSource {
  readonly opened: { startBlock: bigint; stream: ScriptedStream }[] = [];
  heightCalls = 0;
  /** How many blocks() calls fail before one succeeds (a peer that is down). */
  failOpens = 0;

  constructor(public currentHeight: bigint) {}

  height(): Promise<bigint> {
    this.heightCalls++;
    return Promise.resolve(this.currentHeight);
  }

  blocks(startBlock: bigint): Promise<BlockNumberStream> {
    if (this.failOpens > 0) {
      this.failOpens--;
      return Promise.reject(new Error('14 UNAVAILABLE: connection refused'));
    }
    const stream = new ScriptedStream();
    this.opened.push({ startBlock, stream });
    return Promise.resolve(stream);
  }

  get latest(): ScriptedStream {
    const last = this.opened.at(-1);
    if (!last) {
      throw new Error('no stream opened');
    }
    return last.stream;
  }
}

const tick = (ms = 0): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean, ms = 2000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error('condition not met in time');
    }
    await tick(1);
  }
}

let heights: PeerHeights;
afterEach(() => {
  heights.close();
});

describe('PeerHeights.waitFor', () => {
  it('answers undefined (no wait) before any commit and when the peer already holds the block', () => {
    heights = new PeerHeights({ waitMs: 5000 });
    expect(heights.waitFor('Core')).toBeUndefined();
    heights.observe('Core', 11n);
    heights.committed('Suppliers', 10n);
    expect(heights.caughtUp('Core')).toBe(true);
    expect(heights.waitFor('Core')).toBeUndefined();
    // The peer that committed the write holds it.
    expect(heights.waitFor('Suppliers')).toBeUndefined();
  });

  it("holds a call for its own floor (a block its caller saw commit elsewhere) without raising anyone else's", async () => {
    heights = new PeerHeights({ waitMs: 5000 });
    heights.observe('Core', 10n);
    const wait = heights.waitFor('Core', 12n);
    expect(wait).toBeInstanceOf(Promise);
    expect(heights.caughtUp('Core')).toBe(true);
    expect(heights.waitFor('Core')).toBeUndefined();
    expect(heights.target()).toBeUndefined();
    expect(heights.target(12n)).toBe(12n);
    heights.observe('Core', 13n);
    await wait;
    expect(heights.caughtUp('Core', 12n)).toBe(true);
  });

  it('holds a call through a lagging peer until its height passes the committed block', async () => {
    heights = new PeerHeights({ waitMs: 5000 });
    heights.observe('Core', 10n);
    heights.committed('Suppliers', 10n);
    const wait = heights.waitFor('Core');
    expect(wait).toBeInstanceOf(Promise);
    let released = false;
    void wait?.then(() => {
      released = true;
    });
    heights.observe('Core', 10n);
    await tick();
    expect(released).toBe(false);
    const started = Date.now();
    heights.observe('Core', 11n);
    await wait;
    expect(released).toBe(true);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(heights.waitFor('Core')).toBeUndefined();
  });

  it('holds a call through a peer whose height is not known yet', async () => {
    heights = new PeerHeights({ waitMs: 5000 });
    heights.committed('Suppliers', 3n);
    const wait = heights.waitFor('Core');
    expect(wait).toBeDefined();
    heights.observe('Core', 4n);
    await wait;
  });

  it('gives up after waitMs and lets the call go ahead (a peer that is down never hangs a call)', async () => {
    heights = new PeerHeights({ waitMs: 50 });
    heights.observe('Core', 5n);
    heights.committed('Suppliers', 10n);
    const started = Date.now();
    await heights.waitFor('Core');
    const waited = Date.now() - started;
    expect(waited).toBeGreaterThanOrEqual(45);
    expect(waited).toBeLessThan(1000);
    expect(heights.caughtUp('Core')).toBe(false);
  });

  it('waits for the highest block of all commits, not the latest one reported', async () => {
    heights = new PeerHeights({ waitMs: 5000 });
    heights.committed('Suppliers', 20n);
    heights.committed('BankA', 15n);
    expect(heights.highestCommitted).toBe(20n);
    const wait = heights.waitFor('BankA');
    expect(wait).toBeDefined();
    heights.observe('BankA', 21n);
    await wait;
  });

  it('waitMs 0 turns the wait off', () => {
    heights = new PeerHeights({ waitMs: 0 });
    heights.committed('Suppliers', 10n);
    expect(heights.waitFor('Core')).toBeUndefined();
  });

  it('close() lets every waiting call go ahead', async () => {
    heights = new PeerHeights({ waitMs: 60_000 });
    heights.committed('Suppliers', 10n);
    const wait = heights.waitFor('Core');
    heights.close();
    await wait;
  });
});

describe('PeerHeights.follow', () => {
  it("starts at the peer's newest block and tracks each block it commits", async () => {
    heights = new PeerHeights({ waitMs: 5000 });
    const core = new ScriptedPeer(8n);
    heights.follow('Core', core);
    await until(() => core.opened.length === 1);
    expect(core.opened[0]?.startBlock).toBe(7n);
    core.latest.push(7n);
    await until(() => heights.height('Core') === 8n);

    heights.committed('Suppliers', 8n);
    const wait = heights.waitFor('Core');
    expect(wait).toBeDefined();
    core.latest.push(8n);
    await wait;
    expect(heights.height('Core')).toBe(9n);
  });

  it('reconnects after a stream error, from the last block seen, with backoff', async () => {
    const errors: unknown[] = [];
    heights = new PeerHeights({
      waitMs: 5000,
      reconnectMinMs: 10,
      reconnectMaxMs: 40,
      onStreamError: (_peer, error) => errors.push(error),
    });
    const core = new ScriptedPeer(5n);
    heights.follow('Core', core);
    await until(() => core.opened.length === 1);
    core.latest.push(4n);
    core.latest.push(5n);
    await until(() => heights.height('Core') === 6n);

    // The peer restarts: the stream breaks, and the first reconnects find it down.
    core.failOpens = 2;
    core.latest.fail(new Error('14 UNAVAILABLE: Connection dropped'));
    await until(() => core.opened.length === 2);
    expect(errors).toHaveLength(3);
    expect(core.opened[0]?.stream.closed).toBe(true);
    // Resumes from the newest block it had seen, without asking qscc again.
    expect(core.opened[1]?.startBlock).toBe(5n);
    expect(core.heightCalls).toBe(1);

    heights.committed('Suppliers', 6n);
    const wait = heights.waitFor('Core');
    core.latest.push(5n);
    core.latest.push(6n);
    await wait;
    expect(heights.height('Core')).toBe(7n);
  });

  it('reconnects when the stream just ends', async () => {
    heights = new PeerHeights({ waitMs: 5000, reconnectMinMs: 5 });
    const core = new ScriptedPeer(3n);
    heights.follow('Core', core);
    await until(() => core.opened.length === 1);
    core.latest.push(2n);
    await until(() => heights.height('Core') === 3n);
    core.latest.close();
    await until(() => core.opened.length === 2);
    expect(core.opened[1]?.startBlock).toBe(2n);
  });

  it('follows a peer once, and close() ends its stream and reconnect loop', async () => {
    heights = new PeerHeights({ waitMs: 5000, reconnectMinMs: 5 });
    const core = new ScriptedPeer(3n);
    heights.follow('Core', core);
    heights.follow('Core', core);
    await until(() => core.opened.length === 1);
    await tick(20);
    expect(core.opened).toHaveLength(1);
    heights.close();
    expect(core.latest.closed).toBe(true);
    await tick(30);
    expect(core.opened).toHaveLength(1);
  });
});
