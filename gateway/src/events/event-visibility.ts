import type { BlockEvent } from './block-event';
import type { DecodedTransaction } from '../readmodel/decode-block';
import { KeyType, parseCompositeKey } from '@scf/kernel/keys';
import { directParties, mayRead, mergeParties, type Parties, type Reader, type RecordType } from '@scf/kernel/visibility';

/** One record a transaction wrote, with the readers its own fields name (and its receivable's tree, when known). */
interface WrittenRecord {
  readonly type: RecordType;
  readonly parties: Parties;
}

/**
 * The readers a receivable's split tree adds to the records about it (the receivable itself, its
 * dilutions and payments): the holders along the tree (parents and children) and every bank asked
 * to finance one of its nodes, by receivable id, as the read model knows them when the block is sent.
 */
export type ReceivableTrees = ReadonlyMap<string, Parties>;

/** The record types whose readers are those of a receivable (the visibility table's receivable parties). */
const ABOUT_A_RECEIVABLE: ReadonlySet<RecordType> = new Set<RecordType>(['receivable', 'dilution', 'payment']);

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

/** The receivable a record is about: the receivable's own id, or the `receivableId` a dilution or payment names. */
function receivableOf(type: RecordType, value: Record<string, unknown>): string | undefined {
  if (!ABOUT_A_RECEIVABLE.has(type)) {
    return undefined;
  }
  const id = type === 'receivable' ? value.id : value.receivableId;
  return typeof id === 'string' ? id : undefined;
}

/**
 * The records `tx` wrote, each value parsed (deletes and keys that name no record left out). An
 * undecodable value names no reader: only the auditor and the signer hear of it.
 */
function writtenValues(tx: DecodedTransaction): { readonly type: RecordType; readonly value: Record<string, unknown> }[] {
  return tx.writes.flatMap((write) => {
    const type = RECORD_OF_KEY[parseCompositeKey(write.key)?.objectType ?? ''];
    if (type === undefined || write.isDelete) {
      return [];
    }
    try {
      return [{ type, value: JSON.parse(write.value) as Record<string, unknown> }];
    } catch {
      return [];
    }
  });
}

/** The receivables the transactions of a block wrote records about: whose trees the audiences need. */
export function receivablesWritten(transactions: readonly DecodedTransaction[]): string[] {
  const ids = transactions.flatMap((tx) =>
    writtenValues(tx).flatMap(({ type, value }) => {
      const id = receivableOf(type, value);
      return id === undefined ? [] : [id];
    }),
  );
  return [...new Set(ids)];
}

function recordsWritten(tx: DecodedTransaction, trees: ReceivableTrees): WrittenRecord[] {
  return writtenValues(tx).map(({ type, value }) => {
    const receivableId = receivableOf(type, value);
    const tree = receivableId === undefined ? undefined : trees.get(receivableId);
    return { type, parties: tree === undefined ? partiesOf(type, value) : mergeParties(partiesOf(type, value), tree) };
  });
}

const audiences = new WeakMap<BlockEvent, readonly TransactionAudience[]>();

/**
 * Remembers, for `event` (built from `transactions` in order), who may hear of each transaction: the
 * readers of every record it wrote, a record about a receivable with the readers of its split tree.
 */
export function recordAudiences(event: BlockEvent, transactions: readonly DecodedTransaction[], trees: ReceivableTrees = new Map()): void {
  audiences.set(
    event,
    transactions.map((tx) => ({ creatorMsp: tx.creatorMsp, creatorId: tx.creatorId, records: recordsWritten(tx, trees) })),
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
