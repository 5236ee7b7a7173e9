/**
 * Reliability (issue 7): kill -9 one Raft orderer (the leader), then the peer the load enters
 * through, then the REST gateway itself, each under a steady load of receivables issued through
 * the REST API. Afterwards: every request the API acknowledged as committed is on the ledger
 * exactly once, with the transaction id it was acknowledged with; no request (acknowledged or
 * not) is on the ledger twice; every peer holds the same blocks with the same validation codes;
 * and the read model, killed mid-stream with the gateway, holds each block's transactions once.
 * Every killed node is restarted in its own test. Recovery times are printed; for the Raft
 * leader's death, the two bounds issue 18 sets are asserted (FAILOVER_BOUNDS).
 */
import { topology } from '@scf/network';
import { decodeBlock } from '../../gateway/src/readmodel/decode-block';
import type { ReadModelRepository } from '../../gateway/src/readmodel/repository';
import { openSqliteReadModel } from '../../gateway/src/readmodel/sqlite-repository';
import { eventually, network, runtime } from '../support/fabric';
import { startGatewayProcess, type GatewayProcess } from '../support/gateway-process';
import { runId, submitAs, isoDay } from '../support/ledger';
import { blockFingerprint, blocksOf, settledHeight, transactionsIn, validIssues } from './support/chain';
import { SteadyLoad } from './support/steady-load';
import { call, tx } from '@scf/kernel/catalogue/catalogue';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
/** How long the load runs before a fault, and with the node down. */
const STEADY_MS = 5_000;
const DOWN_MS = 8_000;
/** A fault the rest of the network should ride out stays in place until the load commits again, at most this long. */
const SURVIVABLE_DOWN_MAX_MS = 45_000;

/**
 * Issue 18: with the Raft leader killed under REST load, the first request sent after the kill is
 * acknowledged within 5 s, and no acknowledged request (counted from its first attempt, the
 * client's resends after a 503 included) waits more than 15 s. These are correctness bounds on a
 * stall, not speed figures: what they rest on is the network's Raft tick (100 ms: a follower calls
 * an election 1–2 s after the leader's last heartbeat, network/src/configtx.ts) and the ledger
 * client giving a stuck submit 2 s and re-sending an envelope the dead leader took with it after 3 s (gateway/src/config.ts).
 * Before both, the same test measured 7.4 s to the first commit and waits of up to 120 s. The
 * bounds are the issue's, several times what normal commits take here (p99 < 2 s).
 */
const FAILOVER_BOUNDS = { firstCommitMs: 5_000, acknowledgedWaitMs: 15_000 };

let gw: GatewayProcess;
let load: SteadyLoad;
let startHeight: number;
const prefix = runId('crash');
const directIds: string[] = [];
const recovery: string[] = [];

/** The orderer that leads the channel's Raft cluster now (from its operations metrics). */
async function raftLeader(): Promise<string> {
  for (const orderer of topology.orderers) {
    const metrics = await (await fetch(`http://${orderer.address}:${String(orderer.operations)}/metrics`)).text();
    if (new RegExp(`^consensus_etcdraft_is_leader\\{channel="${network().channel}"\\} 1$`, 'm').test(metrics)) {
      return orderer.name;
    }
  }
  return topology.orderers[0]?.name ?? 'orderer1';
}

/**
 * Kills `kill()`'s victim under load and restarts it, then prints the recovery times. A
 * `survivable` fault (one of three orderers) stays in place until a request sent after the kill
 * commits, so that the time measured is the network's own recovery; the others are restarted
 * after DOWN_MS.
 */
async function underFault(
  what: string,
  kill: () => Promise<void>,
  restart: () => Promise<void>,
  survivable = false,
): Promise<{ killedAt: number; restartedAt: number }> {
  await sleep(STEADY_MS);
  const before = load.acknowledged.length;
  const killedAt = Date.now();
  await kill();
  let restartedAt = killedAt;
  try {
    if (survivable) {
      while (Date.now() - killedAt < SURVIVABLE_DOWN_MAX_MS && load.firstAcknowledgedAfter(killedAt) === undefined) {
        await sleep(250);
      }
    } else {
      await sleep(DOWN_MS);
    }
  } finally {
    await restart();
    restartedAt = Date.now();
  }
  await eventually(
    () => {
      expect(load.firstAcknowledgedAfter(restartedAt)).toBeDefined();
      return Promise.resolve();
    },
    120_000,
    500,
  );
  const firstAfterKill = load.firstAcknowledgedAfter(killedAt);
  const firstAfterRestart = load.firstAcknowledgedAfter(restartedAt);
  const whileDown = firstAfterKill !== undefined && firstAfterKill.answeredAt < restartedAt;
  const line =
    `${what}: down ${((restartedAt - killedAt) / 1000).toFixed(1)} s (restart included); ` +
    `first new commit ${firstAfterKill ? `${((firstAfterKill.answeredAt - killedAt) / 1000).toFixed(1)} s after the kill (${whileDown ? 'while down' : 'after the restart'})` : 'none'}, ` +
    `${firstAfterRestart ? ((firstAfterRestart.answeredAt - restartedAt) / 1000).toFixed(1) : '?'} s after the restart returned; ` +
    `${String(load.acknowledged.length - before)} acknowledged from the kill to then`;
  recovery.push(line);
  process.stdout.write(`[reliability] ${line}\n`);
  return { killedAt, restartedAt };
}

beforeAll(async () => {
  gw = await startGatewayProcess();
  startHeight = await settledHeight();
  load = new SteadyLoad(gw, prefix);
  load.start();
}, 120_000);

afterAll(async () => {
  await load.stop();
  await gw.stop();
  process.stdout.write(`[reliability] recovery:\n  ${recovery.join('\n  ')}\n`);
});

describe('kill -9 under a steady load through the REST API', () => {
  it('the Raft leader: the other two orderers elect a leader and the load goes on, within the failover bounds', async () => {
    const victim = await raftLeader();
    const { killedAt, restartedAt } = await underFault(
      `orderer ${victim} (Raft leader)`,
      () => runtime.kill(victim),
      () => runtime.restart(victim),
      true,
    );
    // Every request in flight at the restart gets its final answer (or has waited past the bound).
    await eventually(
      () => {
        const oldest = load.oldestInFlightSince();
        expect(oldest === undefined || oldest > restartedAt || Date.now() - oldest > FAILOVER_BOUNDS.acknowledgedWaitMs).toBe(true);
        return Promise.resolve();
      },
      120_000,
      250,
    );
    const firstCommit = load.firstAcknowledgedAfter(killedAt);
    const waits = load.acknowledged
      .filter((a) => a.answeredAt >= killedAt && a.firstSentAt <= restartedAt)
      .map((a) => ({ id: a.receivableId, waitedMs: a.answeredAt - a.firstSentAt }))
      .sort((a, b) => b.waitedMs - a.waitedMs);
    const stillWaiting = load.oldestInFlightSince();
    const line =
      `failover bounds: first new commit ${firstCommit ? String(firstCommit.answeredAt - killedAt) : '-'} ms after the kill ` +
      `(bound ${String(FAILOVER_BOUNDS.firstCommitMs)}); ${String(waits.length)} acknowledged from the kill to the restart, ` +
      `longest wait ${String(waits[0]?.waitedMs ?? 0)} ms (bound ${String(FAILOVER_BOUNDS.acknowledgedWaitMs)})`;
    recovery.push(line);
    process.stdout.write(`[reliability] ${line}\n`);
    expect(firstCommit).toBeDefined();
    expect((firstCommit?.answeredAt ?? Number.POSITIVE_INFINITY) - killedAt).toBeLessThanOrEqual(FAILOVER_BOUNDS.firstCommitMs);
    expect(waits.filter((w) => w.waitedMs > FAILOVER_BOUNDS.acknowledgedWaitMs)).toEqual([]);
    expect(stillWaiting === undefined || stillWaiting > restartedAt).toBe(true);
  }, 300_000);

  it('the peer the load enters through: the API answers again once it is back', async () => {
    const victim = 'peer0.suppliers.scf.local';
    await underFault(
      `peer ${victim}`,
      () => runtime.kill(victim),
      () => runtime.restart(victim),
    );
  }, 240_000);

  it('the gateway itself while blocks arrive: it restarts and its read model resumes', async () => {
    await underFault(
      'the REST gateway',
      async () => {
        await gw.kill();
        // Blocks keep arriving while the gateway is down: the read model must pick them up on restart.
        for (let i = 0; i < 2; i++) {
          const id = `${prefix}-direct-${String(i)}`;
          await submitAs(
            'supplier-1',
            call(tx.receivable.IssueReceivable, {
              receivableId: id,
              debtorId: 'core',
              invoiceNumber: `INV-${id}`,
              currency: 'USD',
              amount: '1000',
              issueDate: isoDay(-1),
              dueDate: isoDay(30),
            }),
          );
          directIds.push(id);
        }
      },
      () => gw.restart(),
    );
  }, 240_000);
});

describe('afterwards', () => {
  let endHeight: number;

  beforeAll(async () => {
    await load.stop();
    endHeight = await settledHeight();
  }, 180_000);

  it('every acknowledged request is on the ledger exactly once, with the acknowledged transaction id; none twice', async () => {
    expect(load.acknowledged.length).toBeGreaterThan(0);
    const issues = validIssues(await transactionsIn(startHeight, endHeight));
    for (const ack of load.acknowledged) {
      expect([ack.receivableId, issues.get(ack.receivableId)]).toEqual([ack.receivableId, [ack.transactionId]]);
    }
    for (const id of [...load.attemptedIds, ...directIds]) {
      expect([id, (issues.get(id) ?? []).length <= 1]).toEqual([id, true]);
    }
    for (const id of directIds) {
      expect(issues.get(id)).toHaveLength(1);
    }
    // Read back through the API: each acknowledged receivable exists, issued once (one history entry).
    const acked = load.acknowledged.map((a) => a.receivableId);
    for (let i = 0; i < acked.length; i += 8) {
      await Promise.all(
        acked.slice(i, i + 8).map(async (id) => {
          expect(await gw.ok('auditor', 'GET', `/v1/receivables/${id}`)).toMatchObject({ id, status: 'ISSUED' });
          expect(await gw.ok<unknown[]>('auditor', 'GET', `/v1/receivables/${id}/history`)).toHaveLength(1);
        }),
      );
    }
    const given = load.unacknowledged.map((u) => `${u.receivableId}: ${u.lastAnswer}`);
    process.stdout.write(
      `[reliability] ${String(load.acknowledged.length)} acknowledged, ${String(load.unacknowledged.length)} given up on` +
        ` (${String(load.unacknowledged.filter((u) => issues.has(u.receivableId)).length)} of those committed anyway, once)` +
        `${given.length > 0 ? `:\n  ${given.slice(0, 10).join('\n  ')}` : ''}\n`,
    );
  }, 300_000);

  it('every peer holds the same blocks, with the same validation codes', async () => {
    const reference = (await blocksOf('Auditor', startHeight, endHeight)).map(blockFingerprint);
    expect(reference).toHaveLength(endHeight - startHeight);
    for (const org of network().orgs.filter((o) => o.name !== 'Auditor')) {
      expect([org.name, (await blocksOf(org.name, startHeight, endHeight)).map(blockFingerprint)]).toEqual([org.name, reference]);
    }
  }, 300_000);

  it('the read model, killed with the gateway mid-stream, holds every transaction of every block once', async () => {
    await eventually(
      async () => {
        expect(await gw.ok('auditor', 'GET', '/v1/readmodel/status')).toMatchObject({ lag: '0' });
      },
      180_000,
      1_000,
    );
    await gw.stop();
    let repository: ReadModelRepository | undefined;
    try {
      repository = await openSqliteReadModel(`${gw.dir}/read-model.db`);
      for (const block of await blocksOf('Auditor', startHeight, endHeight)) {
        const decoded = decodeBlock(block);
        const onLedger = decoded.transactions.map((t) => [t.txId, t.validationCode]);
        const rows = await repository.search({
          table: 'rm_transactions',
          where: [{ sql: 'block_number = ?', params: [Number(decoded.number)] }],
          orderBy: 'tx_index',
          limit: 10_000,
          offset: 0,
        });
        expect([Number(decoded.number), rows.map((r) => [r.tx_id, Number(r.validation_code)])]).toEqual([Number(decoded.number), onLedger]);
      }
    } finally {
      await repository?.close();
      await gw.restart();
    }
  }, 300_000);
});
