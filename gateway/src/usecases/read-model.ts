import type { Ledger } from '../ledger/ledger';
import type { ReadModelHandle } from '../readmodel/handle';

/** How far the read model has projected the ledger: its next block against the peer's height (null when the peer does not answer). */
export async function readModelStatus(readModel: ReadModelHandle, ledger: Ledger) {
  const status = await readModel.repository.status();
  const peerHeight = await ledger.blockHeight().catch(() => undefined);
  const listener = readModel.listenerStatus();
  return {
    driver: readModel.repository.driver,
    nextBlock: String(status.nextBlock),
    transactionCount: status.transactionCount,
    skippedTransactions: status.skippedCount,
    peerHeight: peerHeight === undefined ? null : String(peerHeight),
    lag: peerHeight === undefined ? null : String(peerHeight > status.nextBlock ? peerHeight - status.nextBlock : 0n),
    listener: listener ? { ...listener, lastError: listener.lastError ?? null } : null,
  };
}
