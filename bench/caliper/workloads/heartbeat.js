/**
 * Workload 1 of bench/network-bench.ts: `scf.system:Heartbeat` with a new label per transaction,
 * signed in turn by a participant of each of the six orgs (so through each org's peer). One new
 * key per transaction and nothing read: no conflict is possible, so this is the network's ceiling.
 */
'use strict';
const { WorkloadModuleBase } = require('@hyperledger/caliper-core');
const { request, runPrefix } = require('./common');

const SIGNERS = ['supplier-1', 'core', 'bank-a', 'bank-b', 'warehouse', 'auditor'];

class Heartbeat extends WorkloadModuleBase {
  async initializeWorkloadModule(workerIndex, totalWorkers, roundIndex, roundArguments, sutAdapter, sutContext) {
    await super.initializeWorkloadModule(workerIndex, totalWorkers, roundIndex, roundArguments, sutAdapter, sutContext);
    this.prefix = runPrefix('hb', workerIndex);
    this.sent = 0;
  }

  async submitTransaction() {
    const i = this.sent++;
    return this.sutAdapter.sendRequests(request(SIGNERS[i % SIGNERS.length], 'scf.system:Heartbeat', [`${this.prefix}-${String(i)}`]));
  }
}

module.exports.createWorkloadModule = () => new Heartbeat();
