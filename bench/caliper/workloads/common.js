/**
 * What the workload modules share: how to address a demo participant's identity, fresh ids that
 * do not collide with earlier runs (the ledger persists), and a submit that must succeed (set-up).
 */
'use strict';
const { describeNetwork } = require('@scf/network');
const { DEMO_PARTICIPANTS } = require('../../../gateway/dist/src/demo/demo-participants');

const network = describeNetwork();
const mspOf = new Map(DEMO_PARTICIPANTS.map((p) => [p.participantId, network.orgs.find((o) => o.name === p.org).mspId]));

/** A Caliper request for `contract:transaction`, signed by a demo participant (its name in generated/network.json). */
function request(participantId, fcn, args, readOnly = false) {
  return {
    contractId: network.chaincode,
    contractFunction: fcn,
    contractArguments: args,
    invokerIdentity: participantId,
    invokerMspId: mspOf.get(participantId),
    readOnly,
  };
}

/** Ids unique to this worker of this run. */
function runPrefix(kind, workerIndex) {
  return `cal-${kind}-${Date.now().toString(36)}-w${String(workerIndex)}`;
}

function isoDay(days) {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

function issueArgs(id, amount) {
  return [id, 'core', `INV-${id}`, 'USD', amount, isoDay(-1), isoDay(60)];
}

/** Set-up step: sends one request and throws unless it committed (or, readOnly, answered). */
async function mustSend(sutAdapter, req) {
  const status = await sutAdapter.sendRequests(req);
  if (status.GetStatus() !== 'success') {
    throw new Error(
      `${req.contractFunction}(${req.contractArguments.join(', ')}) as ${req.invokerIdentity} failed: ${String(status.GetErrMsg ? status.GetErrMsg() : status.GetStatus())}`,
    );
  }
  return status.GetResult();
}

/** Runs `fn` over `items`, `width` at a time. */
async function inBatches(items, width, fn) {
  for (let i = 0; i < items.length; i += width) {
    await Promise.all(items.slice(i, i + width).map(fn));
  }
}

module.exports = { request, runPrefix, issueArgs, isoDay, mustSend, inBatches };
