/**
 * Issue 18, goal 4: what a resend of the same signed envelope does on the real network. The
 * ledger client re-sends a transaction whose commit it has not seen through its org's peer
 * gateway; this proves that such a resend can reach another orderer (the peer gateway picks one
 * of the channel's orderers at random for each submit: the orderers' own broadcast counters show
 * it), and that however many copies are ordered, the transaction id commits once.
 */
import { connectGateway, orgByName, topology, userOf } from '@scf/network';
import { StatusCode } from '@hyperledger/fabric-gateway';
import { DEFAULT_LEDGER_TIMEOUTS, LedgerClient } from '../../gateway/src/ledger/ledger-client';
import { metricsRegistry } from '../../gateway/src/ops/metrics';
import { transactionsIn } from '../reliability/support/chain';
import { blockHeight, eventually, network, uniqueLabel, withContract } from '../support/fabric';
import { call, catalogue, tx } from '@scf/kernel/catalogue/catalogue';

/** Each orderer's count of transactions it accepted or refused through Broadcast (its operations metrics). */
async function broadcastCounts(): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const orderer of topology.orderers) {
    const metrics = await (await fetch(`http://${orderer.address}:${String(orderer.operations)}/metrics`)).text();
    const lines = metrics
      .split('\n')
      .filter((l) => l.startsWith('broadcast_processed_count{') && l.includes('type="ENDORSER_TRANSACTION"'));
    counts.set(
      orderer.name,
      lines.reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0),
    );
  }
  return counts;
}

function growth(before: ReadonlyMap<string, number>, after: ReadonlyMap<string, number>): Map<string, number> {
  return new Map([...after].map(([name, count]) => [name, count - (before.get(name) ?? 0)]));
}

/** Every copy of `txId` in the blocks from `from` on, once the peer has them all: its validation codes. */
async function copiesOf(txId: string, from: number, expectedCopies: number): Promise<number[]> {
  return eventually(
    async () => {
      const codes = (await transactionsIn(from, await blockHeight('Auditor'))).filter((t) => t.txId === txId).map((t) => t.validationCode);
      expect(codes.length).toBeGreaterThanOrEqual(expectedCopies);
      return codes;
    },
    60_000,
    500,
  );
}

describe('sending the same signed envelope again', () => {
  it('through the peer gateway reaches more than one orderer, and the transaction id commits once', async () => {
    const from = await blockHeight('Auditor');
    const sends = 10;
    const { txId, before, after } = await withContract('BankA', 'User1', catalogue.system.name, async (contract) => {
      const endorsed = await contract.newProposal(tx.system.Heartbeat.name, { arguments: [uniqueLabel('resend')] }).endorse();
      const countsBefore = await broadcastCounts();
      let commit = await endorsed.submit();
      for (let i = 1; i < sends; i++) {
        commit = await endorsed.submit();
      }
      const countsAfter = await broadcastCounts();
      const status = await commit.getStatus();
      expect(status).toMatchObject({ successful: true, code: StatusCode.VALID });
      return { txId: endorsed.getTransactionId(), before: countsBefore, after: countsAfter };
    });
    const perOrderer = growth(before, after);
    process.stdout.write(
      `[resend] ${String(sends)} sends of one envelope, per orderer: ${JSON.stringify(Object.fromEntries(perOrderer))}\n`,
    );
    // Nothing else writes to this network meanwhile in a test run; at least our sends were counted.
    expect([...perOrderer.values()].reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(sends);
    // All ten on one orderer by chance: 3 × (1/3)^10 ≈ 5e-5.
    expect([...perOrderer.values()].filter((n) => n > 0).length).toBeGreaterThanOrEqual(2);
    const codes = await copiesOf(txId, from, sends);
    process.stdout.write(`[resend] validation codes of the copies: ${codes.join(', ')}\n`);
    // One copy VALID, every other one invalidated: DUPLICATE_TXID, or (seen for a copy in the same
    // block as the valid one) ENDORSEMENT_POLICY_FAILURE. Either way it changes nothing.
    expect(codes).toHaveLength(sends);
    expect(codes.filter((c) => c === StatusCode.VALID)).toHaveLength(1);
  }, 120_000);

  it('by the ledger client, when a commit is not seen in time: one commit, answered as committed', async () => {
    const net = network();
    const org = orgByName(net, 'BankA');
    const { gateway, client } = connectGateway(userOf(org, 'User1'), org.peer);
    const resends = (): Promise<number> =>
      metricsRegistry
        .getSingleMetric('scf_gateway_ledger_resends_total')
        ?.get()
        .then((m) => m.values.reduce((sum, v) => sum + v.value, 0)) ?? Promise.resolve(0);
    try {
      const from = await blockHeight('Auditor');
      const before = await resends();
      // A commit takes a few hundred ms here: waiting 60 ms for it makes the client send the envelope again.
      const ledger = new LedgerClient(userOf(org, 'User1'), gateway, {
        channel: net.channel,
        chaincode: net.chaincode,
        timeouts: { ...DEFAULT_LEDGER_TIMEOUTS, commitResendAfterMs: 60 },
        conflictAttempts: 1,
        conflictBackoffMs: 0,
      });
      const committed = await ledger.submit(call(tx.system.Heartbeat, { label: uniqueLabel('client-resend') }));
      const sent = (await resends()) - before;
      process.stdout.write(`[resend] the ledger client sent the envelope ${String(sent)} more time(s)\n`);
      expect(sent).toBeGreaterThanOrEqual(1);
      const codes = await copiesOf(committed.transactionId, from, 1);
      expect(codes.filter((c) => c === StatusCode.VALID)).toHaveLength(1);
    } finally {
      gateway.close();
      client.close();
    }
  }, 120_000);
});
