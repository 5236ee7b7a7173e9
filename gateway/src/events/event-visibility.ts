import type { BlockEvent } from './ledger-events';
import type { DecodedTransaction } from '../readmodel/decode-block';
import { KeyType, parseCompositeKey } from '@scf/kernel/keys';
import { directParties, mayRead, type Parties, type Reader, type RecordType } from '@scf/kernel/visibility';

/** One record a transaction wrote, with the readers its own fields name. */
interface WrittenRecord {
  readonly type: RecordType;
  readonly parties: Parties;
}

/** Who may hear of one transaction: whoever may read a record it wrote, and the identity that signed it. */
interface TransactionAudience {
  readonly creatorMsp: string;
  readonly creatorId: string;
  readonly records: readonly WrittenRecord[];
}

/** The record types of the keys the chaincode writes (indexes, slots and guards name no record of their own). */
const RECORD_OF_KEY: Readonly<Record<string, RecordType>> = {
  [KeyType.participant]: 'participant',
  [KeyType.creditLine]: 'creditLine',
  [KeyType.cap]: 'coreExposure',
  [KeyType.receivable]: 'receivable',
  [KeyType.dilution]: 'dilution',
  [KeyType.dilutionRequest]: 'dilution',
  [KeyType.financing]: 'financing',
  [KeyType.payment]: 'payment',
  [KeyType.receipt]: 'receipt',
  [KeyType.pledge]: 'pledge',
  [KeyType.price]: 'price',
};

function partiesOf(type: RecordType, value: Record<string, unknown>): Parties {
  if (type === 'dilution') {
    const ids = (key: string): string[] => (typeof value[key] === 'string' ? [value[key]] : []);
    return { holders: ids('holderId'), debtor: ids('debtorId') };
  }
  return directParties(type, value);
}

function recordsWritten(tx: DecodedTransaction): WrittenRecord[] {
  const records: WrittenRecord[] = [];
  for (const write of tx.writes) {
    const type = RECORD_OF_KEY[parseCompositeKey(write.key)?.objectType ?? ''];
    if (type === undefined || write.isDelete) {
      continue;
    }
    try {
      records.push({ type, parties: partiesOf(type, JSON.parse(write.value) as Record<string, unknown>) });
    } catch {
      // An undecodable value names no reader: only the auditor and the signer hear of it.
    }
  }
  return records;
}

const audiences = new WeakMap<BlockEvent, readonly TransactionAudience[]>();

/** Remembers, for `event` (built from `transactions` in order), who may hear of each transaction. */
export function recordAudiences(event: BlockEvent, transactions: readonly DecodedTransaction[]): void {
  audiences.set(
    event,
    transactions.map((tx) => ({ creatorMsp: tx.creatorMsp, creatorId: tx.creatorId, records: recordsWritten(tx) })),
  );
}

/** The identity a caller signs with, to recognise its own transactions. */
export interface Signer {
  readonly mspId: string;
  readonly clientId: string;
}

/**
 * `event` as `reader` may receive it (GET /v1/events): only the transactions that wrote a record the
 * visibility table lets it read, or that it signed itself. The auditor gets every transaction; a
 * block with nothing for the reader still comes, empty, so the stream shows progress.
 */
export function eventFor(reader: Reader, signer: Signer, event: BlockEvent): BlockEvent {
  if (reader.kind === 'auditor') {
    return event;
  }
  const known = audiences.get(event);
  const transactions = event.transactions.filter((_, index) => {
    const audience = known?.[index];
    if (audience === undefined || reader.kind === 'nobody') {
      return false;
    }
    const signed = audience.creatorMsp === signer.mspId && audience.creatorId === signer.clientId;
    return signed || audience.records.some((r) => mayRead(reader, r.type, r.parties));
  });
  return { ...event, transactions };
}
