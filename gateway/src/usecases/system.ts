import type { Ledger } from '../ledger/ledger';
import { type Committed, evaluateJson, submitJson } from './ledger-json';
import { call, tx } from '@scf/kernel/catalogue/catalogue';

/** What scf.system:Heartbeat writes: which org wrote which label, in which transaction, when. */
export interface HeartbeatRecord {
  readonly label: string;
  readonly mspId: string;
  readonly txId: string;
  readonly unixSeconds: string;
}

export interface ChaincodeVersion {
  readonly name: string;
  readonly version: string;
}

export async function chaincodeVersion(ledger: Ledger): Promise<ChaincodeVersion> {
  const { name, version } = await evaluateJson<ChaincodeVersion>(ledger, call(tx.system.Version));
  return { name, version };
}

/** One write any channel member may make: proves endorsement, ordering and commit end to end. */
export function writeHeartbeat(ledger: Ledger, label: string): Promise<Committed<HeartbeatRecord>> {
  return submitJson(ledger, call(tx.system.Heartbeat, { label }));
}

export function readHeartbeat(ledger: Ledger, mspId: string, label: string): Promise<HeartbeatRecord> {
  return evaluateJson(ledger, call(tx.system.ReadHeartbeat, { mspId, label }));
}
