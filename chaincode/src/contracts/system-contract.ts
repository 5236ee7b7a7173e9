import { Context, Contract, Info, Returns, Transaction } from 'fabric-contract-api';
import { CHAINCODE_VERSION } from '../version';

/**
 * Liveness and version of the deployed chaincode, and one write that any member of the
 * channel may make so that operators can prove endorsement, ordering and commit end to end.
 */
@Info({ title: 'SystemContract', description: 'Chaincode version, health and a heartbeat write' })
export class SystemContract extends Contract {
  constructor() {
    super('scf.system');
  }

  /** Anyone on the channel. */
  @Transaction(false)
  @Returns('string')
  public Version(): Promise<string> {
    return Promise.resolve(JSON.stringify({ name: 'scf', version: CHAINCODE_VERSION }));
  }

  /**
   * Any identity of a channel member org. Records which org wrote the heartbeat and when
   * (the transaction timestamp), under a composite key per org and label.
   */
  @Transaction()
  public async Heartbeat(ctx: Context, label: string): Promise<string> {
    if (!/^[A-Za-z0-9_.-]{1,64}$/.test(label)) {
      throw new Error('INVALID_ARGUMENT: label must be 1-64 characters of [A-Za-z0-9_.-]');
    }
    const mspId = ctx.clientIdentity.getMSPID();
    const key = ctx.stub.createCompositeKey('scf.heartbeat', [mspId, label]);
    const seconds = ctx.stub.getTxTimestamp().seconds;
    const record = { label, mspId, txId: ctx.stub.getTxID(), unixSeconds: String(seconds) };
    const json = JSON.stringify(record, Object.keys(record).sort());
    await ctx.stub.putState(key, Buffer.from(json));
    return json;
  }

  /** Anyone on the channel. */
  @Transaction(false)
  public async ReadHeartbeat(ctx: Context, mspId: string, label: string): Promise<string> {
    const key = ctx.stub.createCompositeKey('scf.heartbeat', [mspId, label]);
    const bytes = await ctx.stub.getState(key);
    if (bytes.length === 0) {
      throw new Error(`NOT_FOUND: no heartbeat ${label} from ${mspId}`);
    }
    return Buffer.from(bytes).toString('utf8');
  }
}
