import type { FakeLedger } from './fake-ledger';
import { mayWrite, mayWritePrivate } from '@scf/kernel/catalogue/write-rights';
import { parseCompositeKey } from '@scf/kernel/keys';

/** 'scf.financing:ApproveFinancing → scf.tranche': one key class one transaction wrote. */
export type WritePair = string;

/** A private data collection in a write pair (the audit judges private writes by collection, as the block hashes their keys). */
const PRIVATE = 'private collection ';

/** Every (transaction → key class) a block of the ledger wrote: puts, deletes and key-level policies; and each private collection written in. */
export function writePairs(ledger: FakeLedger): Set<WritePair> {
  const pairs = new Set<WritePair>();
  for (const { tx } of ledger.blocks) {
    for (const key of [...tx.writes.keys(), ...tx.validationParameters.keys()]) {
      pairs.add(`${tx.fcn} → ${parseCompositeKey(key)?.objectType ?? `simple key ${JSON.stringify(key)}`}`);
    }
    for (const collection of tx.privateWrites.keys()) {
      pairs.add(`${tx.fcn} → ${PRIVATE}${collection}`);
    }
  }
  return pairs;
}

/** The pairs the kernel's WRITE_RIGHTS table does not allow, sorted: what the table is missing. */
export function writeRightViolations(pairs: Iterable<WritePair>): WritePair[] {
  return [...pairs]
    .filter((pair) => {
      const [fn = '', objectType = ''] = pair.split(' → ');
      return objectType.startsWith(PRIVATE) ? !mayWritePrivate(fn, objectType.slice(PRIVATE.length)) : !mayWrite(fn, objectType);
    })
    .sort();
}
