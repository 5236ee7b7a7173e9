import { Info, Returns, Transaction } from 'fabric-contract-api';
import { CHAINCODE_VERSION } from '../version';
import { EVENTS } from './events';
import { ScfContext, toJson } from './scf-context';
import { ScfContract } from './scf-contract';
import { catalogue } from '@scf/kernel/catalogue/catalogue';
import { ErrorCode, ensure } from '@scf/kernel/errors';
import { KeyType } from '@scf/kernel/keys';
import { parseMspId } from '@scf/kernel/text';

interface HeartbeatRecord {
  readonly label: string;
  readonly mspId: string;
  readonly txId: string;
  readonly unixSeconds: string;
}

/**
 * Liveness and version of the deployed chaincode, and one write that any member of the
 * channel may make so that operators can prove endorsement, ordering and commit end to end.
 */
@Info({ title: 'SystemContract', description: 'Chaincode version, health and a heartbeat write' })
export class SystemContract extends ScfContract {
  constructor() {
    super(catalogue.system);
  }

  @Transaction(false)
  @Returns('string')
  public Version(): Promise<string> {
    return Promise.resolve(toJson({ name: 'scf', version: CHAINCODE_VERSION }));
  }

  /** Records which org wrote the heartbeat and when (the transaction timestamp), per org and label. */
  @Transaction()
  @Returns('string')
  public async Heartbeat(ctx: ScfContext, label: string): Promise<string> {
    ensure(/^[A-Za-z0-9_.-]{1,64}$/.test(label), ErrorCode.INVALID_ARGUMENT, 'label must be 1-64 characters of [A-Za-z0-9_.-]');
    const record: HeartbeatRecord = { label, mspId: ctx.caller.mspId, txId: ctx.txId, unixSeconds: ctx.now.seconds.toString() };
    await ctx.store.put(KeyType.heartbeat, [record.mspId, label], record);
    // A heartbeat belongs to its org.
    await ctx.store.protect([record.mspId], [KeyType.heartbeat, [record.mspId, label]]);
    ctx.emit(EVENTS.heartbeat, { label, mspId: record.mspId });
    return toJson(record);
  }

  /** `{mspId, protected}`: whether this call set the policy (false: the guard had it already). */
  @Transaction()
  @Returns('string')
  public async ProtectCreationGuard(ctx: ScfContext): Promise<string> {
    const outcome = { mspId: ctx.caller.mspId, protected: await ctx.store.ensureGuard(ctx.caller.mspId) };
    ctx.emit(EVENTS.creationGuardProtected, outcome);
    return toJson(outcome);
  }

  @Transaction(false)
  @Returns('string')
  public async ReadHeartbeat(ctx: ScfContext, mspId: string, label: string): Promise<string> {
    const record = await ctx.store.require<HeartbeatRecord>(
      KeyType.heartbeat,
      [parseMspId(mspId, 'mspId'), label],
      `heartbeat ${label} from ${mspId}`,
    );
    return toJson(record);
  }
}
