/**
 * Workload 4 of bench/network-bench.ts: `scf.financing:ApproveFinancing` signed by Bank A's risk
 * gateway identity, each on its own REQUESTED financing but all on one credit line per worker
 * (the hot key: the line's tranches and the core enterprise's cap shards). No retry: an MVCC
 * conflict counts as a failed transaction, as in the bench's conflict rate.
 * Set-up (untimed, in initializeWorkloadModule): the consortium cap if lower than 10^13, one line,
 * and `financingsPerWorker` receivables issued, confirmed and with a financing requested.
 */
'use strict';
const { WorkloadModuleBase } = require('@hyperledger/caliper-core');
const { inBatches, isoDay, issueArgs, mustSend, request, runPrefix } = require('./common');

const CAP = 10n ** 13n;
const ASSESSMENT = JSON.stringify({
  decision: 'APPROVE',
  score: 0,
  reasonCodes: ['OK'],
  policyVersion: 'caliper',
  inputsHash: 'c'.repeat(64),
});

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The consortium cap on core must be at least CAP; worker 0 raises it, the others wait for it. */
async function ensureCap(sutAdapter, raise) {
  for (let attempt = 0; attempt < 60; attempt++) {
    const exposure = JSON.parse(
      Buffer.from(await mustSend(sutAdapter, request('auditor', 'scf.creditline:GetCoreExposure', ['core', 'USD'], true))).toString('utf8'),
    );
    if (BigInt(exposure.cap) >= CAP) {
      return;
    }
    if (raise) {
      await mustSend(sutAdapter, request('auditor', 'scf.creditline:SetConsortiumCap', ['core', 'USD', CAP.toString()]));
    } else {
      await sleep(500);
    }
  }
  throw new Error(`the consortium cap on core stayed below ${CAP.toString()}`);
}

class ApproveFinancing extends WorkloadModuleBase {
  async initializeWorkloadModule(workerIndex, totalWorkers, roundIndex, roundArguments, sutAdapter, sutContext) {
    await super.initializeWorkloadModule(workerIndex, totalWorkers, roundIndex, roundArguments, sutAdapter, sutContext);
    const prefix = runPrefix('fin', workerIndex);
    const count = Number(roundArguments.financingsPerWorker ?? 40);
    await ensureCap(sutAdapter, workerIndex === 0);
    const lineId = `${prefix}-line`;
    await mustSend(
      sutAdapter,
      request('bank-a', 'scf.creditline:GrantCreditLine', [lineId, 'core', 'USD', '1000000000000', isoDay(365), '9000', '180', '10']),
    );
    const ids = Array.from({ length: count }, (_, i) => `${prefix}-${String(i)}`);
    await inBatches(ids, 20, (id) =>
      mustSend(sutAdapter, request('supplier-1', 'scf.receivable:IssueReceivable', issueArgs(id, '1000000'))),
    );
    await inBatches(ids, 20, (id) => mustSend(sutAdapter, request('core', 'scf.receivable:ConfirmReceivable', [id])));
    await inBatches(ids, 20, (id) =>
      mustSend(sutAdapter, request('supplier-1', 'scf.financing:RequestFinancing', [`${id}-f`, id, lineId, '700000'])),
    );
    this.financings = ids.map((id) => `${id}-f`);
    this.sent = 0;
  }

  async submitTransaction() {
    const financingId = this.financings[this.sent++ % this.financings.length];
    return this.sutAdapter.sendRequests(request('bank-a-risk', 'scf.financing:ApproveFinancing', [financingId, ASSESSMENT]));
  }
}

module.exports.createWorkloadModule = () => new ApproveFinancing();
