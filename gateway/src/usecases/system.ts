import type { Ledger } from '../ledger/ledger';
import { type Committed, Contract, evaluateJson, submitJson } from './ledger-json';

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
  const { name, version } = await evaluateJson<ChaincodeVersion>(ledger, Contract.system, 'Version', []);
  return { name, version };
}

/** One write any channel member may make: proves endorsement, ordering and commit end to end. */
export function writeHeartbeat(ledger: Ledger, label: string): Promise<Committed<HeartbeatRecord>> {
  return submitJson(ledger, Contract.system, 'Heartbeat', [label]);
}

export function readHeartbeat(ledger: Ledger, mspId: string, label: string): Promise<HeartbeatRecord> {
  return evaluateJson(ledger, Contract.system, 'ReadHeartbeat', [mspId, label]);
}
