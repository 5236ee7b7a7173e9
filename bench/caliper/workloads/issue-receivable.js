/**
 * Workload 2 of bench/network-bench.ts (the direct half): `scf.receivable:IssueReceivable` as
 * supplier-1, a new receivable and invoice per transaction (reads the participant registry,
 * writes the receivable, its fingerprint and index keys).
 */
'use strict';
const { WorkloadModuleBase } = require('@hyperledger/caliper-core');
const { issueArgs, request, runPrefix } = require('./common');

class IssueReceivable extends WorkloadModuleBase {
  async initializeWorkloadModule(workerIndex, totalWorkers, roundIndex, roundArguments, sutAdapter, sutContext) {
    await super.initializeWorkloadModule(workerIndex, totalWorkers, roundIndex, roundArguments, sutAdapter, sutContext);
    this.prefix = runPrefix('rcv', workerIndex);
    this.sent = 0;
  }

  async submitTransaction() {
    const id = `${this.prefix}-${String(this.sent++)}`;
    return this.sutAdapter.sendRequests(request('supplier-1', 'scf.receivable:IssueReceivable', issueArgs(id, '100000')));
  }
}

module.exports.createWorkloadModule = () => new IssueReceivable();
