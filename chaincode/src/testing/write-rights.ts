import type { FakeLedger } from './fake-ledger';
import { mayWrite } from '@scf/kernel/catalogue/write-rights';
import { parseCompositeKey } from '@scf/kernel/keys';

/** 'scf.financing:ApproveFinancing → scf.tranche': one key class one transaction wrote. */
export type WritePair = string;

/** Every (transaction → key class) a block of the ledger wrote: puts, deletes and key-level policies. */
export function writePairs(ledger: FakeLedger): Set<WritePair> {
  const pairs = new Set<WritePair>();
  for (const { tx } of ledger.blocks) {
    for (const key of [...tx.writes.keys(), ...tx.validationParameters.keys()]) {
      pairs.add(`${tx.fcn} → ${parseCompositeKey(key)?.objectType ?? `simple key ${JSON.stringify(key)}`}`);
    }
  }
  return pairs;
}

/** The pairs the kernel's WRITE_RIGHTS table does not allow, sorted: what the table is missing. */
export function writeRightViolations(pairs: Iterable<WritePair>): WritePair[] {
  return [...pairs]
    .filter((pair) => {
      const [fn = '', objectType = ''] = pair.split(' → ');
      return !mayWrite(fn, objectType);
    })
    .sort();
}
